package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.ApiClient;
import ee.datahub.enquiryhub.access.Person;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who wrote each version of an enquiry's thread, recorded in the write's own transaction: a person by
 * name, a technical user (the API) without one. Versions written before this was recorded have none.
 */
@Service
public class Writers {

    /** The writer of one version: a person's name, or empty for a technical user. */
    public record Writer(Optional<String> personName) {}

    private final JdbcClient jdbc;

    Writers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void written(MessageWritten written) {
        var name = switch (written.writer()) {
            case Person person -> Optional.ofNullable(person.name()).filter(n -> !n.isBlank());
            case ApiClient client -> Optional.<String>empty();
        };
        jdbc.sql("insert into enquiry_writer (enquiry_id, version, person_name) values (?, ?, ?)")
                .params(written.enquiry().id().value(), written.enquiry().version(), name.orElse(null))
                .update();
    }

    /** The writers of the enquiry's versions, by version. */
    public Map<Long, Writer> of(EnquiryId enquiry) {
        return jdbc
                .sql("select version, person_name from enquiry_writer where enquiry_id = ?")
                .param(enquiry.value())
                .query((rs, n) -> Map.entry(rs.getLong(1), new Writer(Optional.ofNullable(rs.getString(2)))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
