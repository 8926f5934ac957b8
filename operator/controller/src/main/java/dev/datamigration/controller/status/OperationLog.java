package dev.datamigration.controller.status;

import dev.datamigration.api.v1alpha1.PlatformAction;
import dev.datamigration.api.v1alpha1.PlatformOperation;
import dev.datamigration.api.v1alpha1.PlatformOperationState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code status.operations} while a reconcile works on it: one entry per action and subject, in the order they were
 * requested. An entry's time changes only when its state does, so polling a running operation rewrites nothing.
 */
public final class OperationLog {

    private final List<PlatformOperation> entries;

    /** Works on this list in place (the status' own list). */
    public OperationLog(List<PlatformOperation> entries) {
        this.entries = entries;
    }

    public Optional<PlatformOperation> find(PlatformAction action, String subject) {
        return entries.stream()
                .filter(entry -> entry.getAction() == action && Objects.equals(entry.getSubject(), subject))
                .findFirst();
    }

    public boolean is(PlatformAction action, String subject, PlatformOperationState state) {
        return find(action, subject).map(entry -> entry.getState() == state).orElse(false);
    }

    /** The subjects of an action, in the order they were requested. */
    public List<String> subjects(PlatformAction action) {
        return entries.stream().filter(entry -> entry.getAction() == action).map(PlatformOperation::getSubject)
                .toList();
    }

    public long count(PlatformAction action, PlatformOperationState state) {
        return entries.stream().filter(entry -> entry.getAction() == action && entry.getState() == state).count();
    }

    /** Records the intent of a call about to be made: a new Requested entry at the end. */
    public PlatformOperation request(PlatformAction action, String subject, Instant now) {
        if (find(action, subject).isPresent()) {
            throw new IllegalStateException(action + " " + subject + " is already recorded");
        }
        PlatformOperation entry = new PlatformOperation();
        entry.setAction(action);
        entry.setSubject(subject);
        entry.setState(PlatformOperationState.Requested);
        entry.setTime(Times.format(now));
        entries.add(entry);
        return entry;
    }

    /** The platform runs the operation under this key. */
    public void running(PlatformOperation entry, String operationKey, Instant now) {
        move(entry, PlatformOperationState.Running, operationKey, null, now);
    }

    /** Done; {@code operationKey} is null when the operation was found done without a call. */
    public void succeeded(PlatformOperation entry, String operationKey, Instant now) {
        move(entry, PlatformOperationState.Succeeded, operationKey, null, now);
    }

    public void failed(PlatformOperation entry, String operationKey, String message, Instant now) {
        move(entry, PlatformOperationState.Failed, operationKey, message, now);
    }

    private static void move(PlatformOperation entry, PlatformOperationState state, String operationKey,
            String message, Instant now) {
        if (entry.getState() != state) {
            entry.setTime(Times.format(now));
        }
        entry.setState(state);
        if (operationKey != null) {
            entry.setOperationKey(operationKey);
        }
        entry.setMessage(message);
    }
}
