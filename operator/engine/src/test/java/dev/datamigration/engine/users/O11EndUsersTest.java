package dev.datamigration.engine.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datamigration.engine.MigrationException;
import dev.datamigration.fixtures.o11.FactoryDatabases;
import dev.datamigration.fixtures.o11.O11Factory;
import dev.datamigration.fixtures.pg.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end users of the default provider read from the O11 factory, and the e-mail pre-check over them. */
class O11EndUsersTest {

    @Test
    void readsActiveAndInactiveUsersOfTheUsersProviderOnly() throws Exception {
        FactoryDatabases dbs = O11Factory.builder().build().createDatabases(EmbeddedPostgres.shared(), "endusers");
        try (Connection production = dbs.connectProduction()) {
            List<O11EndUser> users = O11EndUsers.read(production);
            // admin (ServiceCenter tenant) and maria.silva of Acme belong to other providers
            assertThat(users).containsExactly(
                    new O11EndUser(42, "john.doe", "John Doe", "john.doe@example.com", true),
                    new O11EndUser(43, "maria.silva", "Maria Silva", "maria@example.com", true),
                    new O11EndUser(45, "李伟", "李伟", "li.wei@例え.jp", true),
                    new O11EndUser(46, "ghost.user", "Former Employee", "ghost@example.com", true),
                    new O11EndUser(47, "former.staff", "Former Staff", "former.staff@example.com", false));
            assertThat(EmailCheck.problems(users)).isEmpty();
        } finally {
            dbs.drop();
        }
    }

    @Test
    void everyMissingInvalidAndDuplicateEmailIsReportedAtOnceWithIds() throws Exception {
        FactoryDatabases dbs = O11Factory.builder().badEmails(true).build()
                .createDatabases(EmbeddedPostgres.shared(), "badmails");
        try (Connection production = dbs.connectProduction()) {
            List<O11EndUser> users = O11EndUsers.read(production);
            assertThat(users).extracting(O11EndUser::id).containsExactly(42L, 43L, 45L, 46L, 47L, 48L, 49L, 50L, 51L);
            // acme.nomail (52) has no e-mail but belongs to another provider: not reported
            assertThat(EmailCheck.problems(users)).containsExactly(
                    "1 end user(s) of the Users provider have no e-mail (users.match: Email needs one for every active"
                            + " and inactive user): user ids 48",
                    "2 end user(s) of the Users provider have an invalid e-mail: user ids 49, 51",
                    "1 e-mail(s) are shared by several end users of the Users provider (compared ignoring case):"
                            + " user ids 42, 50");
        } finally {
            dbs.drop();
        }
    }

    @Test
    void aSourceWithoutTheUsersModuleIsRefused() throws Exception {
        FactoryDatabases dbs = O11Factory.builder().build().createDatabases(EmbeddedPostgres.shared(), "nousers");
        try (Connection production = dbs.connectProduction(); Statement st = production.createStatement()) {
            st.executeUpdate("UPDATE ossys_espace SET is_active = false WHERE name = 'Users'");
            assertThatThrownBy(() -> O11EndUsers.read(production))
                    .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.permanent()).isTrue())
                    .hasMessage("the source has no active module named 'Users' (OSSYS_ESPACE): its end users (the"
                            + " default user provider) cannot be found");
        } finally {
            dbs.drop();
        }
    }

    @Test
    void addressShapes() {
        assertThat(List.of("a@b.co", "john+ops@example.com", "li.wei@例え.jp", "x.y@sub.example.org"))
                .allMatch(EmailCheck::isValid);
        assertThat(List.of("a@b", "@b.co", "a@@b.co", "a b@c.co", "a@b..co", "a@.b.co", "a.@b.co", "a@b.co.",
                "a@-b.co", "x".repeat(65) + "@b.co")).noneMatch(EmailCheck::isValid);
    }
}
