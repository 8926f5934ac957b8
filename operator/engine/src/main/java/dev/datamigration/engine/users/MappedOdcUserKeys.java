package dev.datamigration.engine.users;

import java.util.Map;
import java.util.Optional;

/** {@link OdcUserKeys} from a resolved map O11 user id -> ODC user key; every other id becomes NULL. */
public final class MappedOdcUserKeys implements OdcUserKeys {

    private final Map<Long, String> keys;

    public MappedOdcUserKeys(Map<Long, String> keys) {
        this.keys = Map.copyOf(keys);
    }

    @Override
    public Optional<String> keyOf(long o11UserId) {
        return Optional.ofNullable(keys.get(o11UserId));
    }

    /** How many O11 users have an ODC key. */
    public int size() {
        return keys.size();
    }
}
