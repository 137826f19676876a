package ee.datahub.enquiryhub.api.v2;

import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.push.DeliveryBody;
import org.springframework.stereotype.Component;

/** A push delivery's body is exactly one v2 change, so that a receiver reads pushes and the feed alike. */
@Component
class V2DeliveryBody implements DeliveryBody {

    @Override
    public String of(FeedRow change) {
        return V2Representation.change(change);
    }
}
