package dev.datamigration.engine.plan;

import dev.datamigration.engine.catalog.EntityKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Orders entities so that every referenced entity loads before the entities that reference it. Cycles (strongly
 * connected components) are broken on optional references: inside a component the entities are ordered by their
 * mandatory references, and every optional reference that points to the same or a later entity is deferred (loaded
 * NULL, set in a second pass). A mandatory self reference is not a cycle to break: with preserved identifiers the
 * referenced row is in the same load, and the database checks the constraint at the end of the statement. A cycle of
 * mandatory references between different entities cannot be loaded and is reported with the entities named.
 */
public final class EntityOrder {

    /** The result: load order, deferred references, and cycles that cannot be broken (names per cycle). */
    public record Result(List<EntityKey> order, List<Edge> deferred, List<List<EntityKey>> mandatoryCycles) {
    }

    private EntityOrder() {
    }

    /**
     * @param nodes entities to order
     * @param edges constrained references among them
     * @param name  display name of an entity, also the deterministic tie-breaker
     */
    public static Result order(Collection<EntityKey> nodes, Collection<Edge> edges, Function<EntityKey, String> name) {
        Comparator<EntityKey> byName = Comparator.comparing(name).thenComparing(Comparator.naturalOrder());
        List<EntityKey> sortedNodes = nodes.stream().sorted(byName).toList();
        Map<EntityKey, List<Edge>> out = new HashMap<>();
        for (Edge e : edges) {
            if (!e.selfReference()) {
                out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Set<EntityKey>> components = tarjan(sortedNodes, out);
        Map<EntityKey, Integer> componentOf = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            for (EntityKey k : components.get(i)) {
                componentOf.put(k, i);
            }
        }
        // Tarjan emits components in reverse topological order of "from -> to", i.e. referenced components first.
        List<EntityKey> order = new ArrayList<>();
        List<List<EntityKey>> mandatoryCycles = new ArrayList<>();
        for (Set<EntityKey> component : components) {
            List<EntityKey> members = component.stream().sorted(byName).toList();
            if (members.size() == 1) {
                order.add(members.get(0));
                continue;
            }
            List<Edge> mandatory = edges.stream().filter(e -> !e.optional() && !e.selfReference()
                    && component.contains(e.from()) && component.contains(e.to())).toList();
            List<EntityKey> inner = kahn(members, mandatory);
            if (inner == null) {
                mandatoryCycles.add(members);
                order.addAll(members);
            } else {
                order.addAll(inner);
            }
        }
        Map<EntityKey, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
        List<Edge> deferred = new ArrayList<>();
        for (Edge e : edges) {
            boolean sameOrLater = position.get(e.to()) >= position.get(e.from());
            if (e.optional() && sameOrLater && (e.selfReference()
                    || componentOf.get(e.from()).equals(componentOf.get(e.to())))) {
                deferred.add(e);
            }
        }
        return new Result(List.copyOf(order), List.copyOf(deferred), List.copyOf(mandatoryCycles));
    }

    /** Topological order of members where a referenced entity comes first; null when the edges hold a cycle. */
    private static List<EntityKey> kahn(List<EntityKey> members, List<Edge> edges) {
        Map<EntityKey, Integer> pending = new HashMap<>();
        members.forEach(m -> pending.put(m, 0));
        Map<EntityKey, List<EntityKey>> referencedBy = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Edge e : edges) {
            if (seen.add(e.from() + ">" + e.to())) {
                pending.merge(e.from(), 1, Integer::sum);
                referencedBy.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
            }
        }
        List<EntityKey> result = new ArrayList<>();
        Set<EntityKey> done = new LinkedHashSet<>();
        while (result.size() < members.size()) {
            EntityKey next = members.stream().filter(m -> !done.contains(m) && pending.get(m) == 0).findFirst()
                    .orElse(null);
            if (next == null) {
                return null;
            }
            done.add(next);
            result.add(next);
            for (EntityKey dependant : referencedBy.getOrDefault(next, List.of())) {
                pending.merge(dependant, -1, Integer::sum);
            }
        }
        return result;
    }

    /** Strongly connected components, iterative Tarjan; referenced components are emitted before referencing ones. */
    private static List<Set<EntityKey>> tarjan(List<EntityKey> nodes, Map<EntityKey, List<Edge>> out) {
        Map<EntityKey, Integer> index = new HashMap<>();
        Map<EntityKey, Integer> low = new HashMap<>();
        Deque<EntityKey> stack = new ArrayDeque<>();
        Set<EntityKey> onStack = new HashSet<>();
        List<Set<EntityKey>> components = new ArrayList<>();
        int[] counter = {0};
        for (EntityKey start : nodes) {
            if (index.containsKey(start)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {start, 0});
            index.put(start, counter[0]);
            low.put(start, counter[0]++);
            stack.push(start);
            onStack.add(start);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                EntityKey v = (EntityKey) frame[0];
                int i = (Integer) frame[1];
                List<Edge> succ = out.getOrDefault(v, List.of());
                if (i < succ.size()) {
                    frame[1] = i + 1;
                    EntityKey w = succ.get(i).to();
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Object[] {w, 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                } else {
                    work.pop();
                    if (!work.isEmpty()) {
                        EntityKey parent = (EntityKey) work.peek()[0];
                        low.put(parent, Math.min(low.get(parent), low.get(v)));
                    }
                    if (low.get(v).equals(index.get(v))) {
                        Set<EntityKey> component = new LinkedHashSet<>();
                        EntityKey w;
                        do {
                            w = stack.pop();
                            onStack.remove(w);
                            component.add(w);
                        } while (!w.equals(v));
                        components.add(component);
                    }
                }
            }
        }
        return components;
    }
}
