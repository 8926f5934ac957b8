package dev.datamigration.engine.mask;

import dev.datamigration.engine.catalog.AppDef;
import dev.datamigration.engine.catalog.AttributeDef;
import dev.datamigration.engine.catalog.Catalog;
import dev.datamigration.engine.catalog.EntityDef;
import dev.datamigration.engine.catalog.EntityKey;
import dev.datamigration.engine.dialect.PhysicalColumn;
import dev.datamigration.engine.dialect.ValueKind;
import dev.datamigration.engine.dialect.Values;
import dev.datamigration.engine.plan.AppPlan;
import dev.datamigration.engine.plan.ColumnPlan;
import dev.datamigration.engine.plan.EntityPlan;
import dev.datamigration.engine.plan.Plan;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves the masking rules against a plan: finds every attribute each rule names (against the target catalog, the
 * names the plan uses), refuses what masking cannot honour, and returns the plan with a {@link Masker} on every masked
 * column. Every problem of every rule becomes a plan error, so they are all listed at once, before any downtime:
 * an unknown app, entity or attribute; an identifier or a reference (masking would break keys); a strategy the
 * attribute's type cannot hold; rules without a key; two equally specific rules asking different strategies of one
 * attribute. Of rules that overlap, the most specific wins (a named app and entity over {@code *}).
 */
public final class MaskingPlanner {

    /** Redact's marker in text attributes (cut to the attribute's length). */
    static final String REDACTED = "REDACTED";

    private static final Set<String> TEXT_TYPES = Set.of("rttext", "rtemail", "rtphonenumber");

    private final Plan plan;
    private final Catalog target;
    private final MaskingSpec spec;
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** The rule chosen for one attribute so far. */
    private record Choice(int rule, int specificity, MaskStrategy strategy, Masker masker) {
    }

    private MaskingPlanner(Plan plan, Catalog target, MaskingSpec spec) {
        this.plan = plan;
        this.target = target;
        this.spec = spec;
    }

    /** The plan with its masked columns, and the rules' problems added to its errors. */
    public static Plan apply(Plan plan, Catalog target, MaskingSpec spec) {
        if (spec == null || spec.isEmpty()) {
            return plan;
        }
        return new MaskingPlanner(plan, target, spec).resolve();
    }

    private Plan resolve() {
        if (spec.key() == null) {
            errors.add("masking rules need a masking key: set spec.maskingKeySecret to a Secret whose key `key` holds"
                    + " at least " + MaskingKey.MIN_BYTES + " bytes");
        }
        Map<String, Choice> chosen = new LinkedHashMap<>();
        for (int i = 0; i < spec.rules().size(); i++) {
            resolveRule(i, spec.rules().get(i), chosen);
        }
        if (!errors.isEmpty()) {
            return withErrors(plan.apps());
        }
        List<AppPlan> apps = new ArrayList<>();
        for (AppPlan app : plan.apps()) {
            List<EntityPlan> entities = new ArrayList<>();
            for (EntityPlan entity : app.entities()) {
                List<ColumnPlan> columns = new ArrayList<>();
                for (ColumnPlan column : entity.columns()) {
                    Choice choice = chosen.get(attributeId(entity.key(), column.attribute()));
                    columns.add(choice == null || !column.copied() ? column : column.withMask(choice.masker()));
                }
                entities.add(new EntityPlan(entity.key(), entity.app(), entity.module(), entity.name(),
                        entity.sourceTable(), entity.targetTable(), entity.targetEventTable(), entity.identifier(),
                        List.copyOf(columns), entity.estimatedRows()));
            }
            apps.add(new AppPlan(app.name(), app.wave(), app.dependsOn(), List.copyOf(entities)));
        }
        return withErrors(apps);
    }

    private Plan withErrors(List<AppPlan> apps) {
        List<String> allWarnings = new ArrayList<>(plan.warnings());
        allWarnings.addAll(warnings);
        List<String> allErrors = new ArrayList<>(plan.errors());
        allErrors.addAll(errors);
        return new Plan(List.copyOf(apps), plan.deferred(), plan.wipes(), List.copyOf(allWarnings),
                List.copyOf(allErrors));
    }

    private void resolveRule(int index, MaskRule rule, Map<String, Choice> chosen) {
        String label = "masking rule " + (index + 1) + " (" + rule.describe() + ")";
        List<String> apps = plan.apps().stream().map(AppPlan::name)
                .filter(a -> isWildcard(rule.app()) || a.equalsIgnoreCase(rule.app().trim())).toList();
        if (apps.isEmpty()) {
            errors.add(label + ": application " + rule.app() + " is not one of the migration's applications ("
                    + plan.apps().stream().map(AppPlan::name).collect(Collectors.joining(", ")) + ")");
            return;
        }
        List<EntityDef> entities = target.entities().values().stream()
                .filter(EntityDef::isCopyable)
                .filter(e -> target.appOf(e).map(AppDef::name).map(apps::contains).orElse(false))
                .filter(e -> matchesEntity(rule.entity(), e))
                .toList();
        if (entities.isEmpty()) {
            errors.add(label + ": no entity " + rule.entity() + " in " + String.join(", ", apps));
            return;
        }
        boolean found = false;
        int specificity = (isWildcard(rule.app()) ? 0 : 1) + (isWildcard(rule.entity()) ? 0 : 2);
        for (EntityDef entity : entities) {
            Optional<AttributeDef> attribute = entity.activeAttributes().stream()
                    .filter(a -> a.name().equalsIgnoreCase(rule.attribute().trim())).findFirst();
            if (attribute.isEmpty()) {
                continue;
            }
            found = true;
            String name = target.label(entity) + "." + attribute.get().name();
            Optional<ColumnPlan> column = plan.entity(entity.key()).flatMap(p -> p.columns().stream()
                    .filter(c -> c.attribute().equalsIgnoreCase(attribute.get().name()) && c.copied()).findFirst());
            String problem = problem(entity, attribute.get(), rule.strategy(), column);
            if (problem != null) {
                errors.add(label + ": " + name + " " + problem);
                continue;
            }
            if (column.isEmpty()) {
                warnings.add(label + ": " + name + " is not copied from the source, so there is nothing to mask");
                continue;
            }
            Masker masker = spec.key() == null ? null : masker(rule.strategy(), attribute.get(), column.get());
            String id = attributeId(entity.key(), attribute.get().name());
            Choice previous = chosen.get(id);
            if (previous == null || previous.specificity() < specificity) {
                chosen.put(id, new Choice(index, specificity, rule.strategy(), masker));
            } else if (previous.specificity() == specificity && previous.strategy() != rule.strategy()) {
                errors.add("masking rules " + (previous.rule() + 1) + " and " + (index + 1) + " both mask " + name
                        + ", with different strategies (" + previous.strategy().display() + ", "
                        + rule.strategy().display() + "): keep one");
            }
        }
        if (!found) {
            errors.add(label + ": no active attribute " + rule.attribute() + " in " + entities.stream()
                    .map(target::label).collect(Collectors.joining(", ")));
        }
    }

    /** Why {@code strategy} cannot mask {@code attribute}, or null when it can. */
    private static String problem(EntityDef entity, AttributeDef attribute, MaskStrategy strategy,
                                  Optional<ColumnPlan> column) {
        if (entity.identifier().map(id -> id.key().equals(attribute.key())).orElse(false)) {
            return "is the entity's identifier: masking it would break its keys and every reference to it";
        }
        if (attribute.type().isReference()) {
            return "is a reference: masking it would break the reference (its ids must stay as they are)";
        }
        ValueKind kind = column.map(c -> c.target().kind()).orElse(null);
        String type = attribute.type().basicType();
        Integer length = textLength(attribute, column);
        return switch (strategy) {
            case HASH -> {
                if (isText(type, kind)) {
                    yield fits(length, TextHashMasker.LENGTH) ? null : "holds at most " + length
                            + " characters and Hash writes " + TextHashMasker.LENGTH + ": use Redact or Default";
                }
                yield integerBits(type, column) > 0 || isBinary(type, kind) ? null : "is of type " + typeName(type)
                        + ", where Hash cannot keep distinct values distinct (it masks text, integers and binary"
                        + " data): use Default or Redact";
            }
            case EMAIL -> !isText(type, kind) ? "is of type " + typeName(type) + ": Email masks text attributes only"
                    : fits(length, EmailMasker.LENGTH) ? null : "holds at most " + length
                    + " characters and Email writes " + EmailMasker.LENGTH + ": use Hash, Redact or Default";
            case REDACT -> isText(type, kind) || optional(attribute, column) ? null : "is mandatory and of type "
                    + typeName(type) + ", and Redact writes NULL into attributes other than text: use Default";
            case DEFAULT -> null;
        };
    }

    private Masker masker(MaskStrategy strategy, AttributeDef attribute, ColumnPlan column) {
        ValueKind kind = column.target().kind();
        String type = attribute.type().basicType();
        return switch (strategy) {
            case HASH -> isText(type, kind) ? new TextHashMasker(spec.key())
                    : isBinary(type, kind) ? new BinaryHashMasker(spec.key())
                    : new IntegerHashMasker(spec.key(), integerBits(type, Optional.of(column)), kind);
            case EMAIL -> new EmailMasker(spec.key());
            case REDACT -> new FixedMasker(strategy, isText(type, kind) ? marker(textLength(attribute,
                    Optional.of(column))) : null);
            case DEFAULT -> new FixedMasker(strategy, Values.typeDefault(kind));
        };
    }

    /**
     * The longest text the attribute holds: the smaller of the metamodel's length and the target column's size, null
     * when neither says.
     */
    private static Integer textLength(AttributeDef attribute, Optional<ColumnPlan> column) {
        Integer declared = attribute.length() != null && attribute.length() > 0 ? attribute.length() : null;
        int size = column.map(c -> c.target().size()).orElse(0);
        if (size > 0) {
            return declared == null ? size : Math.min(declared, size);
        }
        return declared;
    }

    private static String marker(Integer length) {
        return fits(length, REDACTED.length()) ? REDACTED : REDACTED.substring(0, Math.max(1, length));
    }

    private static boolean fits(Integer length, int needed) {
        return length == null || length <= 0 || length >= needed;
    }

    private static boolean optional(AttributeDef attribute, Optional<ColumnPlan> column) {
        return !attribute.mandatory() && column.map(c -> c.target().nullable()).orElse(true);
    }

    private static boolean isText(String type, ValueKind kind) {
        return type != null && TEXT_TYPES.contains(type.toLowerCase(Locale.ROOT))
                || !isKnown(type) && kind == ValueKind.TEXT;
    }

    private static boolean isBinary(String type, ValueKind kind) {
        return "rtbinarydata".equalsIgnoreCase(type) || !isKnown(type) && kind == ValueKind.BINARY;
    }

    /** 32 for Integer, 64 for Long Integer, 0 for other types. */
    private static int integerBits(String type, Optional<ColumnPlan> column) {
        if ("rtinteger".equalsIgnoreCase(type)) {
            return 32;
        }
        if ("rtlonginteger".equalsIgnoreCase(type)) {
            return 64;
        }
        if (!isKnown(type) && column.isPresent() && column.get().target().kind() == ValueKind.INTEGER) {
            PhysicalColumn c = column.get().target();
            return c.jdbcType() == Types.BIGINT ? 64 : c.jdbcType() == Types.INTEGER ? 32 : 0;
        }
        return 0;
    }

    /** Whether the metamodel type is one OutSystems documents (else the target column's kind decides). */
    private static boolean isKnown(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("rt");
    }

    private static String typeName(String type) {
        return type == null ? "unknown" : type.startsWith("rt") ? type.substring(2) : type;
    }

    private static boolean matchesEntity(String pattern, EntityDef entity) {
        if (isWildcard(pattern)) {
            return true;
        }
        String p = pattern.trim();
        int dot = p.lastIndexOf('.');
        if (dot < 0) {
            return entity.name().equalsIgnoreCase(p);
        }
        return entity.module().name().equalsIgnoreCase(p.substring(0, dot))
                && entity.name().equalsIgnoreCase(p.substring(dot + 1));
    }

    private static boolean isWildcard(String name) {
        return name == null || "*".equals(name.trim());
    }

    private static String attributeId(EntityKey entity, String attribute) {
        return entity + "/" + attribute.toLowerCase(Locale.ROOT);
    }
}
