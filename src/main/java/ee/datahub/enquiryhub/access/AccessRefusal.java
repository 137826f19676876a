package ee.datahub.enquiryhub.access;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import java.util.Set;

/**
 * Why a caller may not act in the context it claims, decided before any enquiry is looked up. Each
 * door (API v1, v2, the web) says it in its own shape and language.
 */
public sealed interface AccessRefusal {

    /** The actor does not act for this participant. */
    record NotRepresented(Eic participant) implements AccessRefusal {}

    /** The participant is not in the register. */
    record UnknownParticipant(Eic participant) implements AccessRefusal {}

    /** The participant does not hold the role. */
    record RoleNotHeld(Eic participant, MarketRole role) implements AccessRefusal {}

    /** The participant is not registered for the commodity. */
    record CommodityNotHeld(Eic participant, Commodity commodity) implements AccessRefusal {}

    /** The action is not allowed in this role. */
    record RoleNotAllowed(MarketRole role, Set<MarketRole> allowed) implements AccessRefusal {
        public RoleNotAllowed {
            allowed = Set.copyOf(allowed);
        }
    }

    /** The actor lacks the permission the action needs in this context. */
    record PermissionMissing(String actorId, Permission needed) implements AccessRefusal {}

    /** The field of the context a refusal is about (none for a missing permission). */
    default java.util.Optional<ContextField> field() {
        return switch (this) {
            case NotRepresented n -> java.util.Optional.of(ContextField.PARTICIPANT);
            case UnknownParticipant u -> java.util.Optional.of(ContextField.PARTICIPANT);
            case RoleNotHeld r -> java.util.Optional.of(ContextField.ROLE);
            case CommodityNotHeld c -> java.util.Optional.of(ContextField.COMMODITY);
            case RoleNotAllowed r -> java.util.Optional.of(ContextField.ROLE);
            case PermissionMissing p -> java.util.Optional.empty();
        };
    }
}
