package ee.datahub.enquiryhub.mail;

/** Why a person's email settings were not changed; each door says it in its own words. */
public sealed interface MailRefusal {

    /** Not an address mail can go to (one address, {@code name@domain}, at most 254 characters). */
    record InvalidAddress() implements MailRefusal {}

    /** The person holds no grant that lets it read enquiries in this context. */
    record NotYourContext(MailContext context) implements MailRefusal {}

    /** This kind of email does not exist for the context's role (answers for a grid operator, say). */
    record KindNotOffered(Kind kind, MailContext context) implements MailRefusal {}

    /** There is no address to confirm, or it is confirmed already. */
    record NothingToConfirm() implements MailRefusal {}

    /** Confirmation emails are limited per person and day, so that nobody can flood someone else's inbox. */
    record TooManyConfirmations(int perDay) implements MailRefusal {}

    /** The hub does not know the person (it has never been granted anything). */
    record UnknownPerson() implements MailRefusal {}
}
