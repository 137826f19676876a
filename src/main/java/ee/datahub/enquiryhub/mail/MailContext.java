package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import java.util.EnumSet;
import java.util.Set;

/** A participant in one role and commodity: what a person's email preferences are kept for. */
public record MailContext(Eic participant, MarketRole role, Commodity commodity) {

    /** The kinds of instant email a context may ask for: new enquiries for a receiver, answers for a supplier. */
    public Set<Kind> instantKinds() {
        return role == MarketRole.OPEN_SUPPLIER ? EnumSet.of(Kind.ANSWER) : EnumSet.of(Kind.NEW_ENQUIRY);
    }

    public boolean offersNewEnquiries() {
        return offers(Kind.NEW_ENQUIRY);
    }

    public boolean offersAnswers() {
        return offers(Kind.ANSWER);
    }

    /** Whether the feed's stream of this context carries what sends this kind of instant email. */
    public boolean offers(Kind kind) {
        return kind == Kind.DIGEST || instantKinds().contains(kind);
    }
}
