package dev.latchkey.cli;

/** The documented exit statuses; scripts branch on these, so they never change meaning. */
public final class ExitCodes {
    public static final int OK = 0;
    /** An API error without a code of its own (400, 413, 415, a 429 that outlived the retry, ...). */
    public static final int API_ERROR = 1;
    /** Bad flags or configuration; nothing was sent. */
    public static final int USAGE = 2;
    /** 401 or 403: the token is missing, dead or not allowed. */
    public static final int NOT_ALLOWED = 3;
    public static final int NOT_FOUND = 4;
    /** 409: a concurrent change, an Idempotency-Key reuse, a deployment registered elsewhere. */
    public static final int CONFLICT = 5;
    /** 5xx, or the API could not be reached: worth retrying later. */
    public static final int UNAVAILABLE = 6;
    /** validate answered, and the answer was not VALID. */
    public static final int NOT_VALID = 7;

    private ExitCodes() {
    }

    static int forStatus(int status) {
        if (status == 401 || status == 403) {
            return NOT_ALLOWED;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status == 409) {
            return CONFLICT;
        }
        if (status >= 500) {
            return UNAVAILABLE;
        }
        return API_ERROR;
    }

    /** For the usage text of every command. */
    static final String[] LIST = {
            "0:success (validate: the answer is VALID)",
            "1:API error (400, 413, 415, 429, ...)",
            "2:usage or configuration error; nothing was sent",
            "3:401 or 403: no, bad or insufficient credentials",
            "4:404: not found",
            "5:409: conflict",
            "6:5xx, or the API could not be reached",
            "7:validate: the answer is not VALID"};
}
