package ee.datahub.enquiryhub.access;

import ee.datahub.enquiryhub.participant.TechnicalUser;

/** The authenticated technical user behind a request, as established from its token. */
public record ApiClient(TechnicalUser user) {

    public String clientId() {
        return user.clientId();
    }
}
