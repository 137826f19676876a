package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.AccessRefusal;
import ee.datahub.enquiryhub.access.AccessRefused;
import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.CallerResolver;
import ee.datahub.enquiryhub.access.Person;
import ee.datahub.enquiryhub.participant.Permission;
import java.util.List;
import java.util.Optional;

/**
 * The person behind a web request, what it may act as, and what it chose to act as. Pages take it as a
 * controller argument and ask it for a {@link Caller} before they touch enquiries, so that every rule
 * of {@code access} applies to people as it does to technical users; admin pages ask it for the
 * participant they administer.
 */
public final class Visitor {

    private final Person person;
    private final List<WebContext> contexts;
    private final Optional<WebContext> context;
    private final CallerResolver callers;

    Visitor(Person person, List<WebContext> contexts, Optional<WebContext> context, CallerResolver callers) {
        this.person = person;
        this.contexts = List.copyOf(contexts);
        this.context = context;
        this.callers = callers;
    }

    public Person person() {
        return person;
    }

    public String name() {
        return person.name();
    }

    /** What the person may act as: one context per grant, and the hub operator for its staff. */
    public List<WebContext> contexts() {
        return contexts;
    }

    /** What the person acts as now, if it has chosen. */
    public Optional<WebContext> context() {
        return context;
    }

    /** The participant context acted in, if that is what was chosen. */
    public Optional<WebContext.ActingFor> actingFor() {
        return context.filter(WebContext.ActingFor.class::isInstance).map(WebContext.ActingFor.class::cast);
    }

    /**
     * The caller for an enquiry action in the chosen context, resolved by {@link CallerResolver} with the
     * person's current grants.
     *
     * @throws AccessRefused when the person may not take the action there
     * @throws NoContextChosen when it has not chosen a participant context
     */
    public Caller caller(Action action) {
        var acting = actingFor().orElseThrow(NoContextChosen::new);
        return callers.resolve(person, acting.participant(), acting.role(), acting.commodity(), action);
    }

    /** True when {@link #caller(Action)} would allow the action: pages show only what the person may do. */
    public boolean may(Action action) {
        try {
            caller(action);
            return true;
        } catch (AccessRefused | NoContextChosen refused) {
            return false;
        }
    }

    /** {@link #may(Action)} for templates, which name the action: {@code ${visitor.may('CREATE_ENQUIRY')}}. */
    public boolean may(String action) {
        return may(Action.valueOf(action));
    }

    /** True when the chosen context is a participant's, with ADMIN. */
    public boolean isAdmin() {
        return actingFor().map(WebContext.ActingFor::isAdmin).orElse(false);
    }

    public boolean isHubOperator() {
        return context.filter(WebContext.OperatingTheHub.class::isInstance).isPresent();
    }

    /**
     * The participant the person administers in the chosen context.
     *
     * @throws AccessRefused when it does not hold ADMIN there
     */
    public WebContext.ActingFor administered() {
        var acting = actingFor().orElseThrow(NoContextChosen::new);
        if (!acting.isAdmin()) {
            throw new AccessRefused(new AccessRefusal.PermissionMissing(person.id(), Permission.ADMIN));
        }
        return acting;
    }

    /** @throws AccessRefused unless the person acts as the hub operator */
    public void requireHubOperator() {
        if (!isHubOperator()) {
            throw new AccessRefused(new AccessRefusal.PermissionMissing(person.id(), Permission.HUB_OPERATOR));
        }
    }
}
