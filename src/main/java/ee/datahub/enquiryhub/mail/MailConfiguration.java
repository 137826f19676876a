package ee.datahub.enquiryhub.mail;

import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP connection: Spring's {@link JavaMailSender}, configured by Spring Boot's
 * {@code spring.mail.*} (host, port, credentials, STARTTLS and timeouts as JavaMail properties), or
 * pointed at the embedded server of the default start. Without either, the hub sends no email.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MailSettings.class, MailProperties.class})
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean(destroyMethod = "stop")
    @ConditionalOnProperty(name = "hub.mail.embedded-smtp.enabled", havingValue = "true")
    EmbeddedSmtp embeddedSmtp(MailSettings settings) {
        var server = EmbeddedSmtp.start(settings.embeddedSmtp().port());
        log.info(
                "Mail: the embedded SMTP server listens on 127.0.0.1:{} (demo mailbox: /web/demo/mailbox)",
                server.port());
        return server;
    }

    @Bean
    @ConditionalOnExpression("${hub.mail.embedded-smtp.enabled:false} or '${spring.mail.host:}' != ''")
    JavaMailSender mailSender(MailProperties properties, ObjectProvider<EmbeddedSmtp> embedded) {
        var sender = new JavaMailSenderImpl();
        var javaMail = new Properties();
        javaMail.putAll(properties.getProperties());
        var server = embedded.getIfAvailable();
        if (server != null) {
            sender.setHost("127.0.0.1");
            sender.setPort(server.port());
        } else {
            sender.setHost(properties.getHost());
            if (properties.getPort() != null) {
                sender.setPort(properties.getPort());
            }
            if (properties.getUsername() != null && !properties.getUsername().isBlank()) {
                sender.setUsername(properties.getUsername());
                sender.setPassword(properties.getPassword());
                javaMail.putIfAbsent("mail.smtp.auth", "true");
            }
            if (properties.getProtocol() != null) {
                sender.setProtocol(properties.getProtocol());
            }
        }
        sender.setDefaultEncoding("UTF-8");
        sender.setJavaMailProperties(javaMail);
        return sender;
    }
}
