package ee.datahub.enquiryhub.person;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;

/**
 * Why the register of people refuses a person or a grant, in the domain's own terms. Each door maps
 * a refusal to its status, code, field name and language.
 */
public sealed interface PersonRefusal {

    /** No subject (the id the person's login provider gives it). */
    record SubjectRequired() implements PersonRefusal {}

    /** A subject longer than {@code max} characters. */
    record SubjectTooLong(int max) implements PersonRefusal {}

    /** A subject with spaces or control characters. */
    record SubjectMalformed() implements PersonRefusal {}

    /** No name. */
    record NameRequired() implements PersonRefusal {}

    /** A name longer than {@code max} characters. */
    record NameTooLong(int max) implements PersonRefusal {}

    /** A name with control characters. */
    record NameMalformed() implements PersonRefusal {}

    /** A grant for a participant that is not registered. */
    record UnknownParticipant(Eic participant) implements PersonRefusal {}

    /** A grant in a market role the participant does not hold. */
    record RoleNotHeld(Eic participant, MarketRole role) implements PersonRefusal {}

    /** A grant in a commodity the participant is not registered for. */
    record CommodityNotHeld(Eic participant, Commodity commodity) implements PersonRefusal {}

    /** A grant of no permission. */
    record PermissionsRequired() implements PersonRefusal {}

    /** A grant of HUB_OPERATOR, which is the hub operator's own, never a participant's. */
    record HubOperatorNotGrantable() implements PersonRefusal {}
}
