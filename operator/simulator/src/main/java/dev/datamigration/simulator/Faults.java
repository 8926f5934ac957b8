package dev.datamigration.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The faults active in a running simulator; counted faults expire after their last matching call. */
public final class Faults {

    private final List<Active> active = new ArrayList<>();

    public synchronized void add(FaultRule rule) {
        active.add(new Active(rule, rule.times() == null ? -1 : rule.times()));
    }

    public synchronized void clear() {
        active.clear();
    }

    /** The rules still active, with {@code times} set to what is left. */
    public synchronized List<FaultRule> list() {
        return active.stream()
                .map(a -> new FaultRule(a.rule.method(), a.rule.path(), a.rule.kind(), a.rule.status(),
                        a.rule.millis(), a.remaining < 0 ? null : a.remaining))
                .toList();
    }

    /** The faults that apply to this call, each counted once. */
    synchronized List<FaultRule> take(String method, String path) {
        List<FaultRule> hits = new ArrayList<>();
        for (Iterator<Active> it = active.iterator(); it.hasNext(); ) {
            Active a = it.next();
            if (a.rule.matches(method, path)) {
                hits.add(a.rule);
                if (a.remaining > 0 && --a.remaining == 0) {
                    it.remove();
                }
            }
        }
        return hits;
    }

    private static final class Active {
        private final FaultRule rule;
        private int remaining;

        private Active(FaultRule rule, int remaining) {
            this.rule = rule;
            this.remaining = remaining;
        }
    }
}
