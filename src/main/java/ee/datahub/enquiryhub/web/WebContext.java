package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import java.util.Set;

/**
 * What a person acts as in the web interface, chosen after login among what it may act as and
 * switchable on every page: a participant in one role and commodity, or (its staff) the hub operator.
 * The session keeps only the {@link #key()}; the context is checked against the person's current
 * grants on every request, so a revoked grant takes effect at once.
 */
public sealed interface WebContext {

    /** A stable text naming the context, kept in the session and posted by the context switcher. */
    String key();

    /** Acting for a participant in one market role and commodity, with the permissions granted there. */
    record ActingFor(
            Eic participant, String participantName, MarketRole role, Commodity commodity, Set<Permission> permissions)
            implements WebContext {

        public ActingFor {
            permissions = Set.copyOf(permissions);
        }

        @Override
        public String key() {
            return participant.value() + "/" + role.name() + "/" + commodity.name();
        }

        public boolean isAdmin() {
            return permissions.contains(Permission.ADMIN);
        }

        /** True for the sender side (an open supplier's sent enquiries), false for a receiver's inbox. */
        public boolean sendsEnquiries() {
            return role == MarketRole.OPEN_SUPPLIER;
        }
    }

    /** The hub operator's staff registering participants and metering points and reading the audit log. */
    record OperatingTheHub() implements WebContext {

        @Override
        public String key() {
            return "hub-operator";
        }
    }
}
