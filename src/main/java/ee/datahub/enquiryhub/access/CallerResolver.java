package ee.datahub.enquiryhub.access;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.Permission;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Turns an authenticated client and the market participant context it claims into a {@link Caller},
 * refusing (403) a context that does not match the token's participant, a role or commodity the
 * participant does not hold, an action its role may not take, or one its permissions do not allow.
 * All of this is decided before any enquiry is looked up.
 */
@Service
public class CallerResolver {

    private final ParticipantRegister participants;

    CallerResolver(ParticipantRegister participants) {
        this.participants = participants;
    }

    public Caller resolve(ApiClient client, Eic claimed, MarketRole role, Commodity commodity, Action action) {
        var own = client.user().participant();
        if (own.isEmpty() || !own.get().equals(claimed)) {
            throw new HubException(ErrorCode.UNPROCESSABLE_MARKET_PARTICIPANT_CONTEXT,
                    "marketParticipantIdentification " + claimed + " is not the participant this token belongs to",
                    "marketParticipantContext.marketParticipantIdentification", claimed.value());
        }
        var participant = participants.find(claimed).orElseThrow(() -> new HubException(
                ErrorCode.UNPROCESSABLE_MARKET_PARTICIPANT_CONTEXT, claimed + " is not a registered market participant",
                "marketParticipantContext.marketParticipantIdentification", claimed.value()));
        if (!participant.holds(role)) {
            throw new HubException(ErrorCode.UNPROCESSABLE_MARKET_PARTICIPANT_CONTEXT,
                    claimed + " does not hold the market role " + role,
                    "marketParticipantContext.marketParticipantRole", role.name());
        }
        if (!participant.trades(commodity)) {
            throw new HubException(ErrorCode.COMMODITY_TYPE_MISMATCH,
                    claimed + " is not registered for " + commodity,
                    "marketParticipantContext.commodityType", commodity.name());
        }
        if (!action.allowedRoles().contains(role)) {
            var allowed = action.allowedRoles().stream().map(Enum::name).sorted().collect(Collectors.joining(" or "));
            throw new HubException(ErrorCode.INCORRECT_MARKET_PARTICIPANT_ROLE,
                    "This message is allowed only in the role " + allowed + ", not " + role,
                    "marketParticipantContext.marketParticipantRole", role.name(), allowed);
        }
        var permissions = client.user().permissions();
        if (action.isWrite() ? !Permission.canWrite(permissions) : !Permission.canRead(permissions)) {
            throw new HubException(ErrorCode.INSUFFICIENT_PERMISSION,
                    "Technical user " + client.clientId() + " lacks the permission "
                            + (action.isWrite() ? "EDITOR_DIRECT_MESSAGE" : "VIEWER_DIRECT_MESSAGE") + " for this message",
                    "permission", action.isWrite() ? "EDITOR_DIRECT_MESSAGE" : "VIEWER_DIRECT_MESSAGE");
        }
        return new Caller(client.clientId(), participant, role, commodity);
    }
}
