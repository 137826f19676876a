package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.CallerResolver;
import ee.datahub.enquiryhub.access.Person;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.person.People;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Establishes the {@link Visitor} of a request once: the person its login names (by subject, read
 * from the register on every request), the contexts its grants allow, and the one kept in the
 * session if that is still allowed. A person with a single context acts in it without choosing.
 * Controllers receive the visitor as an argument.
 */
@Component
class Visitors implements HandlerMethodArgumentResolver {

    static final String CONTEXT_ATTRIBUTE = Visitors.class.getName() + ".context";
    private static final String VISITOR_ATTRIBUTE = Visitors.class.getName() + ".visitor";

    private final People people;
    private final ParticipantRegister participants;
    private final CallerResolver callers;

    Visitors(People people, ParticipantRegister participants, CallerResolver callers) {
        this.people = people;
        this.participants = participants;
        this.callers = callers;
    }

    /** The visitor of this request; empty before login. */
    Optional<Visitor> of(HttpServletRequest request) {
        if (request.getAttribute(VISITOR_ATTRIBUTE) instanceof Visitor known) {
            return Optional.of(known);
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser login)) {
            return Optional.empty();
        }
        var person = people.loggedIn(login.getSubject(), displayName(login));
        var contexts = contextsOf(person);
        var session = request.getSession(false);
        var chosenKey = session == null ? null : session.getAttribute(CONTEXT_ATTRIBUTE);
        var chosen = contexts.stream()
                .filter(context -> context.key().equals(chosenKey))
                .findFirst();
        if (chosen.isEmpty() && contexts.size() == 1) {
            chosen = Optional.of(contexts.getFirst());
        }
        var visitor = new Visitor(person, contexts, chosen, callers);
        request.setAttribute(VISITOR_ATTRIBUTE, visitor);
        return Optional.of(visitor);
    }

    /**
     * Makes the context with this key the visitor's, for this request and the session.
     *
     * @throws HubException (403) when the key names nothing the person may act as (a forged form)
     */
    Visitor choose(HttpServletRequest request, Visitor visitor, String key) {
        var chosen = visitor.contexts().stream()
                .filter(context -> context.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new HubException(
                        ErrorCode.UNPROCESSABLE_MARKET_PARTICIPANT_CONTEXT,
                        "You do not act as " + key,
                        "context",
                        String.valueOf(key)));
        request.getSession().setAttribute(CONTEXT_ATTRIBUTE, chosen.key());
        var updated = new Visitor(visitor.person(), visitor.contexts(), Optional.of(chosen), callers);
        request.setAttribute(VISITOR_ATTRIBUTE, updated);
        return updated;
    }

    private List<WebContext> contextsOf(Person person) {
        var names = new HashMap<Eic, String>();
        var contexts = new ArrayList<WebContext>();
        if (person.hubOperator()) {
            contexts.add(new WebContext.OperatingTheHub());
        }
        person.grants().stream()
                .map(grant -> new WebContext.ActingFor(
                        grant.participant(),
                        names.computeIfAbsent(
                                grant.participant(),
                                eic -> participants
                                        .find(eic)
                                        .map(Participant::name)
                                        .orElse(eic.value())),
                        grant.role(),
                        grant.commodity(),
                        grant.permissions()))
                .sorted(Comparator.comparing(WebContext.ActingFor::participantName)
                        .thenComparing(WebContext.ActingFor::role)
                        .thenComparing(WebContext.ActingFor::commodity))
                .forEach(contexts::add);
        return contexts;
    }

    /** The name the provider gives the person: {@code name}, else given and family name, else its username. */
    static String displayName(OidcUser login) {
        return Stream.of(
                        login.getFullName(),
                        Stream.of(login.getGivenName(), login.getFamilyName())
                                .filter(part -> part != null && !part.isBlank())
                                .reduce((given, family) -> given + " " + family)
                                .orElse(null),
                        login.getPreferredUsername(),
                        login.getSubject())
                .filter(name -> name != null && !name.isBlank())
                .findFirst()
                .orElse(login.getSubject());
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Visitor.class;
    }

    @Override
    public Visitor resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        var request = webRequest.getNativeRequest(HttpServletRequest.class);
        return of(request).orElseThrow(() -> new IllegalStateException("a web page was reached without a login"));
    }
}
