package ee.datahub.enquiryhub.api.v2;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.Refusal;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.write.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** API v2 of customer enquiries (spec §7): resources, entity tags, and the cursor feed that can wait. */
@RestController
class DirectMessagesV2 {

    private static final String BASE = "/api/v2/direct-messages";

    private final V2Exchange exchange;
    private final Enquiries enquiries;
    private final ChangeFeed feed;

    DirectMessagesV2(V2Exchange exchange, Enquiries enquiries, ChangeFeed feed) {
        this.exchange = exchange;
        this.enquiries = enquiries;
        this.feed = feed;
    }

    @PostMapping(BASE)
    ResponseEntity<String> create(HttpServletRequest request) {
        return exchange.write(request, "POST " + BASE, Action.CREATE_ENQUIRY, (body, call) -> {
            var enquiry = V2Messages.create(body);
            var sent = enquiries.send(call.caller(), List.of(enquiry)).getFirst();
            audit(call, List.of(sent));
            return written(201, sent, Optional.of(BASE + "/" + sent.id()));
        });
    }

    @GetMapping(BASE + "/{id}")
    ResponseEntity<String> read(HttpServletRequest request, @PathVariable String id) {
        return exchange.read(request, "GET " + BASE + "/{id}", Action.READ, call -> {
            var enquiryId = new EnquiryId(V2Exchange.pathId(id, "id"));
            var enquiry = enquiries
                    .read(call.caller(), enquiryId)
                    .orElseThrow(() -> new Refused(new Refusal.EnquiryNotFound(enquiryId)));
            audit(call, List.of(enquiry));
            var etag = V2Json.etag(enquiry);
            if (V2Exchange.notModified(request, etag)) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
            }
            return ResponseEntity.ok()
                    .eTag(etag)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(V2Json.enquiry(enquiry));
        });
    }

    @GetMapping(BASE)
    ResponseEntity<String> list(HttpServletRequest request) {
        return exchange.read(request, "GET " + BASE, Action.READ, call -> {
            var query = V2Messages.list(request.getParameterMap());
            var page = enquiries.list(call.caller(), query.criteria(), query.page());
            audit(call, page.content());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(V2Json.page(page));
        });
    }

    @PutMapping(BASE + "/{id}")
    ResponseEntity<String> change(HttpServletRequest request, @PathVariable String id) {
        return exchange.write(request, "PUT " + BASE + "/{id}", Action.CHANGE_ENQUIRY, (body, call) -> {
            var enquiryId = new EnquiryId(V2Exchange.pathId(id, "id"));
            var change = V2Messages.change(body);
            call.audit().enquiries(List.of(enquiryId.value()));
            var changed = enquiries.change(call.caller(), enquiryId, change, call.expectedVersion());
            audit(call, List.of(changed));
            return written(200, changed, Optional.empty());
        });
    }

    @PostMapping(BASE + "/{id}/responses")
    ResponseEntity<String> answer(HttpServletRequest request, @PathVariable String id) {
        return exchange.write(request, "POST " + BASE + "/{id}/responses", Action.ANSWER, (body, call) -> {
            var enquiryId = new EnquiryId(V2Exchange.pathId(id, "id"));
            var answer = V2Messages.answer(body);
            call.audit().enquiries(List.of(enquiryId.value()));
            var answered = enquiries.answer(call.caller(), enquiryId, answer, call.expectedVersion());
            call.audit().answers(List.of(answered.answer().value()));
            audit(call, List.of(answered.enquiry()));
            return written(
                    201, answered.enquiry(), Optional.of(BASE + "/" + enquiryId + "/responses/" + answered.answer()));
        });
    }

    @PutMapping(BASE + "/{id}/responses/{responseId}")
    ResponseEntity<String> changeAnswer(
            HttpServletRequest request, @PathVariable String id, @PathVariable String responseId) {
        return exchange.write(
                request, "PUT " + BASE + "/{id}/responses/{responseId}", Action.CHANGE_ANSWER, (body, call) -> {
                    var enquiryId = new EnquiryId(V2Exchange.pathId(id, "id"));
                    var answerId = new AnswerId(V2Exchange.pathId(responseId, "responseId"));
                    var change = V2Messages.changeAnswer(body);
                    call.audit().enquiries(List.of(enquiryId.value()));
                    call.audit().answers(List.of(answerId.value()));
                    var changed = enquiries.changeAnswer(
                            call.caller(), answerId, Optional.of(enquiryId), change, call.expectedVersion());
                    audit(call, List.of(changed));
                    return written(200, changed, Optional.empty());
                });
    }

    @GetMapping(BASE + "/changes")
    ResponseEntity<String> changes(HttpServletRequest request) {
        return exchange.read(request, "GET " + BASE + "/changes", Action.READ, call -> {
            var query = V2Messages.changes(request.getParameterMap());
            var changes = feed.changes(call.caller(), query.after(), query.limit(), query.waitFor());
            // As audit(call, enquiries) names them, from the stored threads without reading them into views.
            var threads = changes.content().stream().map(FeedRow::snapshot).toList();
            call.audit()
                    .enquiries(threads.stream()
                            .map(thread -> thread.enquiryId().value())
                            .toList());
            call.audit()
                    .answers(threads.stream()
                            .flatMap(thread -> thread.answers().stream())
                            .map(answer -> answer.answerId().value())
                            .toList());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(V2Json.changes(changes));
        });
    }

    // Names in the request's audit entry the enquiries an answer carries and every answer in their
    // threads: the representation shows them all (spec §9: the ids of what a request returned).
    private static void audit(V2Exchange.Call call, List<EnquiryView> returned) {
        call.audit().enquiries(returned.stream().map(e -> e.id().value()).toList());
        call.audit()
                .answers(returned.stream()
                        .flatMap(e -> e.answers().stream())
                        .map(a -> a.id().value())
                        .toList());
    }

    private static Outcome written(int status, EnquiryView enquiry, Optional<String> location) {
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put(HttpHeaders.ETAG, V2Json.etag(enquiry));
        location.ifPresent(l -> headers.put(HttpHeaders.LOCATION, l));
        return new Outcome(status, V2Json.enquiry(enquiry), Map.copyOf(headers));
    }
}
