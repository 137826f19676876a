package ee.datahub.enquiryhub.eic;

/** The EIC object type, given by the third character of the code. */
public enum EicType {
    PARTY('X'),
    AREA('Y'),
    METERING_POINT('Z'),
    RESOURCE('W'),
    TIE_LINE('T'),
    LOCATION('V'),
    SUBSTATION('A');

    private final char letter;

    EicType(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    static EicType of(char letter) {
        for (var type : values()) {
            if (type.letter == letter) {
                return type;
            }
        }
        throw new IllegalArgumentException("not an EIC type letter: " + letter);
    }
}
