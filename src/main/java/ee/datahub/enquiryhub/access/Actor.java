package ee.datahub.enquiryhub.access;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import java.util.Set;

/**
 * Who is behind a request: a technical user of a participant (API) or a person (web interface).
 * {@link CallerResolver} applies the same rules to both; they differ only in where their
 * permissions hold.
 */
public sealed interface Actor permits ApiClient, Person {

    /** The id the audit log names this actor by: a client id, or a person's subject. */
    String id();

    /** True when the actor may act for this participant at all (in some role and commodity). */
    boolean represents(Eic participant);

    /** The permissions the actor holds when acting for the participant in this role and commodity. */
    Set<Permission> permissionsFor(Eic participant, MarketRole role, Commodity commodity);
}
