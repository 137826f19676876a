package ee.datahub.enquiryhub.web;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The web interface's languages: Estonian (the default) and English, every text in
 * {@code messages_et.properties} and {@code messages_en.properties}; the person's choice is kept in a
 * cookie (so that it holds on the login page too) and changed by a {@code lang} link on every page.
 * Times are shown in Estonian time.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final Locale ESTONIAN = Locale.of("et");
    static final List<Locale> LANGUAGES = List.of(ESTONIAN, Locale.ENGLISH);
    static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");

    private final Visitors visitors;

    WebConfiguration(Visitors visitors) {
        this.visitors = visitors;
    }

    @Bean
    MessageSource messageSource() {
        var messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setDefaultLocale(ESTONIAN);
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /**
     * Two requests of one session that add the same attribute at once — a double-submitted form whose
     * copies both leave a banner (a flash attribute) — must not fail on the attribute row's primary key:
     * attributes are written with PostgreSQL's upsert.
     */
    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesUpserted() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("hub-language");
        resolver.setDefaultLocale(ESTONIAN);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                // Only the two languages; anything else is ignored and keeps the current one.
                return LANGUAGES.stream()
                        .filter(language -> language.getLanguage().equals(value))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("not a language of the hub"));
            }
        };
        change.setParamName("lang");
        change.setHttpMethods("GET");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/web/**", "/idp/**", "/mail/**");
        registry.addInterceptor(new WebAudit()).addPathPatterns("/web/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(visitors);
    }
}
