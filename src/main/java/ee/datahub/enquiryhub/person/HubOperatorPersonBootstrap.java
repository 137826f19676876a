package ee.datahub.enquiryhub.person;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes the person {@code hub.bootstrap.hub-operator-person} (a subject of the login provider) a
 * member of the hub operator's staff at start, so that a production hub (no demo people) has someone
 * who registers participants and appoints their first ADMINs in the web interface.
 */
@Component
class HubOperatorPersonBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(HubOperatorPersonBootstrap.class);

    private final People people;
    private final String subject;
    private final String name;

    HubOperatorPersonBootstrap(
            People people,
            @Value("${hub.bootstrap.hub-operator-person:}") String subject,
            @Value("${hub.bootstrap.hub-operator-person-name:Hub operator}") String name) {
        this.people = people;
        this.subject = subject;
        this.name = name;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (subject.isBlank()
                || people.find(subject).filter(person -> person.hubOperator()).isPresent()) {
            return;
        }
        var known = people.find(subject);
        people.register(subject, known.map(person -> person.name()).orElse(name), true);
        log.info("The person with the configured subject now acts as the hub operator");
    }
}
