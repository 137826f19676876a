package ee.datahub.enquiryhub.access;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.Permission;
import org.springframework.stereotype.Service;

/**
 * Turns an actor and the market participant context it claims into a {@link Caller}, refusing a
 * context the actor does not represent, a role or commodity the participant does not hold, an action
 * its role may not take, or one its permissions in that context do not allow. All of this is decided
 * before any enquiry is looked up, the same way for technical users and persons.
 */
@Service
public class CallerResolver {

    private final ParticipantRegister participants;

    CallerResolver(ParticipantRegister participants) {
        this.participants = participants;
    }

    public Caller resolve(Actor actor, Eic claimed, MarketRole role, Commodity commodity, Action action) {
        if (!actor.represents(claimed)) {
            throw new AccessRefused(new AccessRefusal.NotRepresented(claimed));
        }
        var participant = participants
                .find(claimed)
                .orElseThrow(() -> new AccessRefused(new AccessRefusal.UnknownParticipant(claimed)));
        if (!participant.holds(role)) {
            throw new AccessRefused(new AccessRefusal.RoleNotHeld(claimed, role));
        }
        if (!participant.trades(commodity)) {
            throw new AccessRefused(new AccessRefusal.CommodityNotHeld(claimed, commodity));
        }
        if (!action.allowedRoles().contains(role)) {
            throw new AccessRefused(new AccessRefusal.RoleNotAllowed(role, action.allowedRoles()));
        }
        var permissions = actor.permissionsFor(claimed, role, commodity);
        if (action.isWrite() ? !Permission.canWrite(permissions) : !Permission.canRead(permissions)) {
            throw new AccessRefused(new AccessRefusal.PermissionMissing(
                    actor.id(),
                    action.isWrite() ? Permission.EDITOR_DIRECT_MESSAGE : Permission.VIEWER_DIRECT_MESSAGE));
        }
        return new Caller(actor, participant, role, commodity);
    }
}
