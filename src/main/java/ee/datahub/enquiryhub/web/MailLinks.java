package ee.datahub.enquiryhub.web;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** The links in an email's text, for the demo mailbox page to offer as links ({@code @mailLinks.of(text)}). */
@Component("mailLinks")
public class MailLinks {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    public List<String> of(String text) {
        return LINK.matcher(text == null ? "" : text)
                .results()
                .map(match -> match.group())
                .distinct()
                .toList();
    }
}
