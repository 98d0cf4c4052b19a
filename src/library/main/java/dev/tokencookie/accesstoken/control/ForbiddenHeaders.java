package dev.tokencookie.accesstoken.control;

import java.util.List;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwx.JsonWebStructure;

/**
 * The JOSE headers that neither an access token nor a DPoP proof may carry: keys and key URLs are never fetched or
 * trusted, and critical extensions (crit, b64) or compression (zip) are no token of ours. One validator for both of
 * the module's jose4j consumers, so that they refuse the same headers the same way.
 */
final class ForbiddenHeaders {

    private ForbiddenHeaders() {
    }

    /** A jose4j validator that refuses a token or proof carrying any of these headers. */
    static ErrorCodeValidator refusing(List<String> headers) {
        return context -> {
            for (JsonWebStructure structure : context.getJoseObjects()) {
                for (String header : headers) {
                    if (structure.getHeaders().getObjectHeaderValue(header) != null) {
                        return new ErrorCodeValidator.Error(ErrorCodes.MISCELLANEOUS, "header " + header
                                + " is not accepted");
                    }
                }
            }
            return null;
        };
    }
}
