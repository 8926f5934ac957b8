package dev.datamigration.engine.users;

/**
 * An O11 end user of the default user provider (OSSYS_USER of a tenant of the Users module), active or not.
 *
 * @param email as stored: may be empty, blank or not an e-mail address at all ({@link EmailCheck} says so)
 */
public record O11EndUser(long id, String username, String name, String email, boolean active) {

    @Override
    public String toString() {
        // no e-mail or name in logs: they identify a person
        return "O11EndUser[id=" + id + ", active=" + active + "]";
    }
}
