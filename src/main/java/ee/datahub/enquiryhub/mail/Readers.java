package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.access.AccessRefused;
import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.CallerResolver;
import ee.datahub.enquiryhub.person.People;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether a person may read enquiries in a context, decided from its grants as they are now, by the
 * same {@link CallerResolver} rules as every request: an email is only sent to someone who could read
 * it in the hub at that moment.
 */
@Component
class Readers {

    private final People people;
    private final CallerResolver callers;

    Readers(People people, CallerResolver callers) {
        this.people = people;
        this.callers = callers;
    }

    /** The person acting in the context to read; empty when it may not (or is unknown). */
    Optional<Caller> caller(String subject, MailContext context) {
        var person = people.find(subject);
        if (person.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(callers.resolve(
                    person.get(), context.participant(), context.role(), context.commodity(), Action.READ));
        } catch (AccessRefused refused) {
            return Optional.empty();
        }
    }
}
