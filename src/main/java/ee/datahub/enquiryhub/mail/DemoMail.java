package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo people's email settings on the default start (README): addresses at {@code demo.example},
 * confirmed already (their mail never leaves the embedded SMTP server), and what each asked for. Set
 * where the person has no address yet; what a person changes later is left as it is.
 */
@Component
@Order(3)
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoMail implements ApplicationRunner {

    private static final Eic SUPPLIER_A = new Eic("38X-EIN-OS-----J");
    private static final Eic SUPPLIER_B = new Eic("38X-DEMO-SUPB--T");
    private static final Eic GRID_A = new Eic("38X-EIN-ALL----B");

    private record Wish(MailContext context, boolean instant, Optional<LocalTime> digestAt) {}

    private record DemoAddress(String username, MailLanguage language, List<Wish> wishes) {}

    private static final List<DemoAddress> ADDRESSES = List.of(
            new DemoAddress(
                    "mari",
                    MailLanguage.ET,
                    List.of(new Wish(
                            new MailContext(SUPPLIER_A, MarketRole.OPEN_SUPPLIER, Commodity.ELECTRICITY),
                            true,
                            Optional.empty()))),
            new DemoAddress(
                    "kati",
                    MailLanguage.ET,
                    List.of(new Wish(
                            new MailContext(GRID_A, MarketRole.GRID_OPERATOR, Commodity.ELECTRICITY),
                            true,
                            Optional.of(LocalTime.of(8, 0))))),
            new DemoAddress(
                    "peeter",
                    MailLanguage.EN,
                    List.of(
                            new Wish(
                                    new MailContext(GRID_A, MarketRole.GRID_OPERATOR, Commodity.ELECTRICITY),
                                    true,
                                    Optional.empty()),
                            new Wish(
                                    new MailContext(SUPPLIER_B, MarketRole.OPEN_SUPPLIER, Commodity.ELECTRICITY),
                                    true,
                                    Optional.of(LocalTime.of(9, 30))))));

    private final MailDirectory directory;
    private final People people;
    private final ChangeFeed feed;
    private final Clock clock;
    private final TransactionTemplate transactions;

    DemoMail(
            MailDirectory directory,
            People people,
            ChangeFeed feed,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.directory = directory;
        this.people = people;
        this.feed = feed;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** The demo address of a demo person. */
    static String addressOf(String username) {
        return username + "@demo.example";
    }

    @Override
    public void run(ApplicationArguments args) {
        for (var demo : ADDRESSES) {
            if (people.find(demo.username()).isEmpty()
                    || directory.address(demo.username()).isPresent()) {
                continue;
            }
            transactions.executeWithoutResult(status -> {
                directory.saveAddress(demo.username(), addressOf(demo.username()), demo.language());
                var saved = directory.address(demo.username()).orElseThrow();
                directory.confirm(saved.id(), MailTokens.digest(saved.address()));
                for (var wish : demo.wishes()) {
                    var c = wish.context();
                    var stream = ChangeFeed.streamKey(c.participant(), c.role(), c.commodity());
                    if (wish.instant()) {
                        directory.follow(stream, c, feed.endCursor(c.participant(), c.role(), c.commodity()));
                    }
                    directory.savePreference(
                            demo.username(),
                            c,
                            stream,
                            wish.instant() && c.offers(Kind.NEW_ENQUIRY),
                            wish.instant() && c.offers(Kind.ANSWER),
                            wish.digestAt(),
                            wish.digestAt().map(at -> Digests.lastDayWhenChosen(at, HubTime.now(clock))));
                }
            });
        }
    }
}
