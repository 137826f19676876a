package ee.datahub.enquiryhub.api.v1;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.MessageView;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** API v1 of customer enquiries: the seed's six messages and the draft's three path forms (spec §6). */
@RestController
class DirectMessagesV1 {

    private final V1Exchange exchange;
    private final Enquiries enquiries;
    private final ChangeFeed feed;

    DirectMessagesV1(V1Exchange exchange, Enquiries enquiries, ChangeFeed feed) {
        this.exchange = exchange;
        this.enquiries = enquiries;
        this.feed = feed;
    }

    @PostMapping("/api/v1/direct-messages")
    ResponseEntity<String> create(HttpServletRequest request) {
        return exchange.write(request, "POST /api/v1/direct-messages", (body, call) -> {
            var message = V1Messages.create(body);
            call.names(V1Names.create(message.array()));
            var sent = enquiries.send(call.caller(message.context(), Action.CREATE_ENQUIRY), message.enquiries());
            var ids = sent.stream().map(EnquiryView::id).toList();
            call.audit().enquiries(ids.stream().map(id -> id.value()).toList());
            if (message.single()) {
                return V1Exchange.created(exchange.text(ids.getFirst().toString()));
            }
            var array = exchange.newArray();
            ids.forEach(id -> array.add(id.toString()));
            return V1Exchange.created(array);
        });
    }

    @PutMapping("/api/v1/direct-messages")
    ResponseEntity<String> change(HttpServletRequest request) {
        return change(request, "PUT /api/v1/direct-messages", Optional.empty());
    }

    @PutMapping("/api/v1/direct-messages/{messageRequestId}")
    ResponseEntity<String> changeByPath(HttpServletRequest request, @PathVariable String messageRequestId) {
        return change(request, "PUT /api/v1/direct-messages/{messageRequestId}", Optional.of(messageRequestId));
    }

    @PostMapping("/api/v1/direct-messages/response")
    ResponseEntity<String> answer(HttpServletRequest request) {
        return answer(request, "POST /api/v1/direct-messages/response", Optional.empty());
    }

    @PostMapping("/api/v1/direct-message/{messageRequestId}/response")
    ResponseEntity<String> answerByPath(HttpServletRequest request, @PathVariable String messageRequestId) {
        return answer(
                request, "POST /api/v1/direct-message/{messageRequestId}/response", Optional.of(messageRequestId));
    }

    @PutMapping("/api/v1/direct-messages/response")
    ResponseEntity<String> changeAnswer(HttpServletRequest request) {
        return changeAnswer(request, "PUT /api/v1/direct-messages/response", Optional.empty(), Optional.empty());
    }

    @PutMapping("/api/v1/direct-message/{messageRequestId}/response/{messageResponseId}")
    ResponseEntity<String> changeAnswerByPath(
            HttpServletRequest request, @PathVariable String messageRequestId, @PathVariable String messageResponseId) {
        return changeAnswer(
                request,
                "PUT /api/v1/direct-message/{messageRequestId}/response/{messageResponseId}",
                Optional.of(messageRequestId),
                Optional.of(messageResponseId));
    }

    @PostMapping("/api/v1/direct-messages/search")
    ResponseEntity<String> search(HttpServletRequest request) {
        return exchange.read(request, "POST /api/v1/direct-messages/search", (body, call) -> {
            var message = V1Messages.search(body);
            var page =
                    enquiries.search(call.caller(message.context(), Action.READ), message.criteria(), message.page());
            auditMessages(call, page.content());
            var rows = exchange.newArray();
            page.content().forEach(row -> ResultRows.add(rows, row));
            return V1Exchange.page(rows, page);
        });
    }

    @PostMapping("/api/v1/direct-messages/change")
    ResponseEntity<String> scan(HttpServletRequest request) {
        return exchange.read(request, "POST /api/v1/direct-messages/change", (body, call) -> {
            var message = V1Messages.scan(body);
            var page = feed.scan(
                    call.caller(message.context(), Action.READ), message.from(), message.to(), message.page());
            // The ids as the rows show them, without reading each stored thread into a message.
            call.audit()
                    .enquiries(page.content().stream()
                            .map(row -> row.snapshot().enquiryId().value())
                            .toList());
            call.audit()
                    .answers(page.content().stream()
                            .flatMap(row -> row.answer().stream())
                            .map(id -> id.value())
                            .toList());
            var rows = exchange.newArray();
            page.content().forEach(row -> ResultRows.add(rows, row));
            return V1Exchange.page(rows, page);
        });
    }

    private ResponseEntity<String> change(HttpServletRequest request, String template, Optional<String> pathId) {
        return exchange.write(request, template, (body, call) -> {
            var message = V1Messages.change(body, pathId.map(id -> pathId(id, "messageRequestId")));
            call.names(V1Names.CHANGE);
            var caller = call.caller(message.context(), Action.CHANGE_ENQUIRY);
            call.audit().enquiries(List.of(message.requestId().value()));
            enquiries.change(caller, message.requestId(), message.change(), Optional.empty());
            return V1Exchange.ok();
        });
    }

    private ResponseEntity<String> answer(HttpServletRequest request, String template, Optional<String> pathId) {
        return exchange.write(request, template, (body, call) -> {
            var message = V1Messages.answer(body, pathId.map(id -> pathId(id, "messageRequestId")));
            call.names(V1Names.ANSWER);
            var caller = call.caller(message.context(), Action.ANSWER);
            call.audit().enquiries(List.of(message.requestId().value()));
            var answered = enquiries.answer(caller, message.requestId(), message.answer(), Optional.empty());
            call.audit().answers(List.of(answered.answer().value()));
            return V1Exchange.created(exchange.text(answered.answer().toString()));
        });
    }

    private ResponseEntity<String> changeAnswer(
            HttpServletRequest request,
            String template,
            Optional<String> pathRequestId,
            Optional<String> pathResponseId) {
        return exchange.write(request, template, (body, call) -> {
            var message = V1Messages.changeAnswer(
                    body,
                    pathRequestId.map(id -> pathId(id, "messageRequestId")),
                    pathResponseId.map(id -> pathId(id, "messageResponseId")));
            call.names(V1Names.CHANGE_ANSWER);
            var caller = call.caller(message.context(), Action.CHANGE_ANSWER);
            call.audit().answers(List.of(message.responseId().value()));
            var changed = enquiries.changeAnswer(
                    caller, message.responseId(), message.requestId(), message.change(), Optional.empty());
            call.audit().enquiries(List.of(changed.id().value()));
            return V1Exchange.ok();
        });
    }

    private static void auditMessages(V1Exchange.Call call, List<MessageView> messages) {
        call.audit().enquiries(messages.stream().map(m -> m.requestId().value()).toList());
        call.audit()
                .answers(messages.stream()
                        .flatMap(m -> m.responseId().stream())
                        .map(id -> id.value())
                        .toList());
    }

    private static UUID pathId(String text, String name) {
        return JsonObject.parseUuid(text, name);
    }
}
