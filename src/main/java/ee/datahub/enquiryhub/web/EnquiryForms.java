package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.enquiry.AnswerChange;
import ee.datahub.enquiryhub.enquiry.AnswerDraft;
import ee.datahub.enquiryhub.enquiry.AnswerView;
import ee.datahub.enquiryhub.enquiry.EnquiryChange;
import ee.datahub.enquiryhub.enquiry.EnquiryDraft;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.ListCriteria;
import ee.datahub.enquiryhub.enquiry.ListDraft;
import ee.datahub.enquiryhub.enquiry.NewAnswer;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.ReferenceType;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.validation.BindingResult;

/**
 * The enquiry pages' forms as JavaBeans (every field a text, as posted), read as the domain's drafts,
 * every field's refusal shown beside its field at once. Blank fields are not given; EICs are taken
 * without surrounding spaces, and a comment's line breaks as one character each (a browser sends CR LF).
 */
final class EnquiryForms {

    private EnquiryForms() {}

    /** Every write form carries the document id it was rendered with (idempotency) and, for changes, the version. */
    public abstract static class WriteForm {
        private String documentId = UUID.randomUUID().toString();
        private String version = "";

        public String getDocumentId() {
            return documentId;
        }

        public void setDocumentId(String documentId) {
            this.documentId = documentId;
        }

        public String getVersion() {
            return version;
        }

        public void setVersion(String version) {
            this.version = version;
        }

        /** A fresh document id: the form is shown again to be sent anew (after a refusal, or changed). */
        void renew() {
            documentId = UUID.randomUUID().toString();
        }

        /** The document id as posted; a form that lacks one was not rendered by the hub. */
        UUID documentUuid() {
            return JsonObject.parseUuid(Forms.text(documentId), "documentId");
        }

        Optional<Long> expectedVersion() {
            try {
                return Optional.of(Long.parseLong(Forms.text(version)));
            } catch (NumberFormatException e) {
                throw new HubException(
                        ErrorCode.INVALID_VALUE, "The form lacks the version it was rendered with", "version");
            }
        }

        /** What the write sends, for its idempotency fingerprint: every field but the document id. */
        abstract Map<String, String> fields();
    }

    /** An enquiry as the supplier writes it: the create form (two steps) and the change form. */
    public static class EnquiryForm extends WriteForm {
        private String meterEic = "";
        private String customerEic = "";
        private String topic = "";
        private String referenceValue = "";
        private String requestComment = "";
        private String receiverEic = "";

        static EnquiryForm of(EnquiryView enquiry) {
            var form = new EnquiryForm();
            form.setVersion(String.valueOf(enquiry.version()));
            form.meterEic = enquiry.meter().value();
            form.customerEic = enquiry.customer().value();
            form.topic = enquiry.topic().name();
            form.referenceValue = enquiry.reference().map(Reference::value).orElse("");
            form.requestComment = enquiry.comment().orElse("");
            return form;
        }

        /** The new enquiry as the domain's draft: OPEN, its reference an invoice's, a blank comment none. */
        EnquiryDraft draft() {
            return draft(given(comment(requestComment)));
        }

        /**
         * Reads the change of an enquiry, checked as a whole enquiry (metering point, customer and topic
         * required). They are always sent (the hub changes nothing for a value that stays); the comment
         * when it differs from {@code current}'s (emptied: removed); the reference when one is given (it
         * cannot be removed); the receiver only when another one is chosen, so that an untouched receiver
         * stays resolved from the metering point.
         */
        Optional<EnquiryChange> change(EnquiryView current, BindingResult errors) {
            var comment = comment(requestComment);
            return FormErrors.read(errors, () -> draft(Optional.of(comment)).toNew())
                    .map(wanted -> new EnquiryChange(
                            Optional.of(wanted.meter()),
                            Optional.of(wanted.customer()),
                            Optional.of(wanted.topic()),
                            wanted.reference(),
                            Optional.empty(),
                            wanted.comment()
                                    .filter(c -> !c.text()
                                            .equals(comment(current.comment().orElse("")))),
                            wanted.receiver().filter(r -> !r.equals(current.receiver()))));
        }

        private EnquiryDraft draft(Optional<String> comment) {
            return new EnquiryDraft(
                    given(meterEic),
                    given(customerEic),
                    given(topic),
                    given(referenceValue)
                            .map(value -> new EnquiryDraft.ReferenceDraft(
                                    Optional.of(ReferenceType.INVOICE.name()), Optional.of(value))),
                    Optional.of(RequestStatus.OPEN.name()),
                    comment,
                    given(receiverEic));
        }

        @Override
        Map<String, String> fields() {
            return sorted(
                    "version",
                    getVersion(),
                    "meterEic",
                    meterEic,
                    "customerEic",
                    customerEic,
                    "topic",
                    topic,
                    "referenceValue",
                    referenceValue,
                    "requestComment",
                    comment(requestComment),
                    "receiverEic",
                    receiverEic);
        }

        public String getMeterEic() {
            return meterEic;
        }

        public void setMeterEic(String meterEic) {
            this.meterEic = meterEic;
        }

        public String getCustomerEic() {
            return customerEic;
        }

        public void setCustomerEic(String customerEic) {
            this.customerEic = customerEic;
        }

        public String getTopic() {
            return topic;
        }

        public void setTopic(String topic) {
            this.topic = topic;
        }

        public String getReferenceValue() {
            return referenceValue;
        }

        public void setReferenceValue(String referenceValue) {
            this.referenceValue = referenceValue;
        }

        public String getRequestComment() {
            return requestComment;
        }

        public void setRequestComment(String requestComment) {
            this.requestComment = requestComment;
        }

        public String getReceiverEic() {
            return receiverEic;
        }

        public void setReceiverEic(String receiverEic) {
            this.receiverEic = receiverEic;
        }
    }

    /** The receiver's answer, new or changed: interim ({@code OPEN}) or final ({@code CLOSE}), and a comment. */
    public static class AnswerForm extends WriteForm {
        private String answerStatus = "";
        private String responseComment = "";

        static AnswerForm of(EnquiryView enquiry, AnswerView answer) {
            var form = new AnswerForm();
            form.setVersion(String.valueOf(enquiry.version()));
            form.answerStatus = answer.status().name();
            form.responseComment = answer.comment().orElse("");
            return form;
        }

        Optional<NewAnswer> newAnswer(BindingResult errors) {
            return FormErrors.read(
                    errors, () -> new AnswerDraft(given(answerStatus), given(comment(responseComment))).toNew());
        }

        /**
         * Reads the change of an answer: its kind always (required; the hub changes nothing for one that
         * stays), the comment when it differs from {@code current}'s (emptied: removed).
         */
        Optional<AnswerChange> change(AnswerView current, BindingResult errors) {
            var comment = comment(responseComment);
            return FormErrors.read(errors, () -> new AnswerDraft(given(answerStatus), Optional.of(comment)).toNew())
                    .map(wanted -> new AnswerChange(
                            Optional.of(wanted.status()),
                            wanted.comment()
                                    .filter(c -> !c.text()
                                            .equals(comment(current.comment().orElse(""))))));
        }

        @Override
        Map<String, String> fields() {
            return sorted(
                    "version", getVersion(), "answerStatus", answerStatus, "responseComment", comment(responseComment));
        }

        public String getAnswerStatus() {
            return answerStatus;
        }

        public void setAnswerStatus(String answerStatus) {
            this.answerStatus = answerStatus;
        }

        public String getResponseComment() {
            return responseComment;
        }

        public void setResponseComment(String responseComment) {
            this.responseComment = responseComment;
        }
    }

    /** Cancelling or closing an enquiry: nothing to fill in, a confirmation with the version seen. */
    public static class ConfirmForm extends WriteForm {

        static ConfirmForm of(EnquiryView enquiry) {
            var form = new ConfirmForm();
            form.setVersion(String.valueOf(enquiry.version()));
            return form;
        }

        @Override
        Map<String, String> fields() {
            return sorted("version", getVersion());
        }
    }

    /**
     * The filters of the inbox and the sent enquiries (spec §6's list filters): read as API v2 reads
     * its query string, every refused filter shown beside its field. Dates are whole days in Estonian
     * time, both ends included.
     */
    public static class ListFilter {
        private String meterEic = "";
        private String customerEic = "";
        private String senderEic = "";
        private String receiverEic = "";
        private String topic = "";
        private String status = "";
        private String referenceValue = "";
        private String createdFrom = "";
        private String createdTo = "";
        private String q = "";
        private String overdue = "";

        Optional<ListCriteria> criteria(BindingResult errors) {
            var from = FormErrors.check(errors, () -> day("createdFrom", createdFrom, 0));
            var to = FormErrors.check(errors, () -> day("createdTo", createdTo, 1));
            if (from.flatMap(f -> f).isPresent()
                    && to.flatMap(t -> t).isPresent()
                    && !to.get().get().isAfter(from.get().get())) {
                FormErrors.check(errors, () -> {
                    throw new HubException(ErrorCode.INVALID_VALUE, "createdTo is before createdFrom", "createdTo");
                });
            }
            var draft = new ListDraft(
                    given(q),
                    given(meterEic),
                    given(customerEic),
                    given(senderEic),
                    given(receiverEic),
                    given(topic),
                    given(status),
                    given(referenceValue));
            var criteria = FormErrors.read(
                    errors,
                    () -> draft.toCriteria(
                            from.flatMap(f -> f),
                            to.flatMap(t -> t),
                            "true".equals(overdue) ? Optional.of(true) : Optional.empty(),
                            true));
            return errors.hasErrors() ? Optional.empty() : criteria;
        }

        /** The filters as query parameters (for the live updates and the pages' links), blank ones left out. */
        Map<String, String> parameters() {
            var parameters = new TreeMap<String, String>();
            Map.of(
                            "meterEic",
                            meterEic,
                            "customerEic",
                            customerEic,
                            "senderEic",
                            senderEic,
                            "receiverEic",
                            receiverEic,
                            "topic",
                            topic,
                            "status",
                            status,
                            "referenceValue",
                            referenceValue,
                            "createdFrom",
                            createdFrom,
                            "createdTo",
                            createdTo,
                            "q",
                            q)
                    .forEach((name, value) -> {
                        if (!Forms.text(value).isEmpty()) {
                            parameters.put(name, Forms.text(value));
                        }
                    });
            if ("true".equals(overdue)) {
                parameters.put("overdue", "true");
            }
            return parameters;
        }

        boolean isEmpty() {
            return parameters().isEmpty();
        }

        public String getMeterEic() {
            return meterEic;
        }

        public void setMeterEic(String meterEic) {
            this.meterEic = meterEic;
        }

        public String getCustomerEic() {
            return customerEic;
        }

        public void setCustomerEic(String customerEic) {
            this.customerEic = customerEic;
        }

        public String getSenderEic() {
            return senderEic;
        }

        public void setSenderEic(String senderEic) {
            this.senderEic = senderEic;
        }

        public String getReceiverEic() {
            return receiverEic;
        }

        public void setReceiverEic(String receiverEic) {
            this.receiverEic = receiverEic;
        }

        public String getTopic() {
            return topic;
        }

        public void setTopic(String topic) {
            this.topic = topic;
        }

        public String getStatus() {
            return status;
        }

        public void setStatus(String status) {
            this.status = status;
        }

        public String getReferenceValue() {
            return referenceValue;
        }

        public void setReferenceValue(String referenceValue) {
            this.referenceValue = referenceValue;
        }

        public String getCreatedFrom() {
            return createdFrom;
        }

        public void setCreatedFrom(String createdFrom) {
            this.createdFrom = createdFrom;
        }

        public String getCreatedTo() {
            return createdTo;
        }

        public void setCreatedTo(String createdTo) {
            this.createdTo = createdTo;
        }

        public String getQ() {
            return q;
        }

        public void setQ(String q) {
            this.q = q;
        }

        public String getOverdue() {
            return overdue;
        }

        public void setOverdue(String overdue) {
            this.overdue = overdue;
        }
    }

    /** A period of whole days in Estonian time, both ends included (the answer statistics). */
    public static class PeriodForm {
        private String from = "";
        private String to = "";

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }

        public String getTo() {
            return to;
        }

        public void setTo(String to) {
            this.to = to;
        }
    }

    /**
     * The start of the day a date field names ({@code yyyy-MM-dd}, as a date input sends it), or of the
     * day {@code plusDays} after it (an inclusive end as an exclusive bound); empty when blank.
     */
    static Optional<Instant> day(String field, String text, int plusDays) {
        var value = Forms.text(text);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            var date = LocalDate.parse(value);
            if (date.getYear() < 1 || date.getYear() > 9998) {
                throw new DateTimeParseException("out of range", value, 0);
            }
            return Optional.of(date.plusDays(plusDays)
                    .atStartOfDay(WebConfiguration.TALLINN)
                    .toInstant());
        } catch (DateTimeParseException e) {
            throw new HubException(ErrorCode.INVALID_DATE_TIME, field + " is not a date like 2026-11-27", field, value);
        }
    }

    // A field as typed, without surrounding spaces (a copied code often brings some); blank: not given.
    private static Optional<String> given(String text) {
        return Optional.of(Forms.text(text)).filter(value -> !value.isEmpty());
    }

    /** A comment as its author meant it: line breaks as one character each. */
    static String comment(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static Map<String, String> sorted(String... namesAndValues) {
        var fields = new TreeMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1]);
        }
        return fields;
    }
}
