package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import org.springframework.stereotype.Component;

/** Market participants by name on pages, as {@code @parties} in templates: "Demo Grid Operator A (38X-EIN-ALL----B)". */
@Component("parties")
public class PartyNames {

    private final ParticipantRegister register;

    PartyNames(ParticipantRegister register) {
        this.register = register;
    }

    /** The participant's name and EIC, or the EIC alone if the register does not know it. */
    public String of(Eic eic) {
        return register.find(eic)
                .map(Participant::name)
                .map(name -> name + " (" + eic.value() + ")")
                .orElse(eic.value());
    }

    /** {@link #of(Eic)} for an EIC kept as text (a history entry's receiver). */
    public String ofCode(String eic) {
        return Eic.isValid(eic) ? of(new Eic(eic)) : eic;
    }
}
