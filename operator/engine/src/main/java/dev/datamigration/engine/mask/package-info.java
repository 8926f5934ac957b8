/**
 * Masking in flight: attributes named by masking rules are rewritten in the copier, between the source read and the
 * target write, so their source values never reach the target (nor its verification hash, which is computed over the
 * values as written). {@link dev.datamigration.engine.mask.MaskingPlanner} resolves the rules against the plan and
 * refuses every rule it cannot honour; {@link dev.datamigration.engine.mask.Masker}s do the rewriting, keyed with the
 * migration's {@link dev.datamigration.engine.mask.MaskingKey}.
 */
package dev.datamigration.engine.mask;
