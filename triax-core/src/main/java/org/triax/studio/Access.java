package org.triax.studio;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Every request needs the token: once as {@code ?token=} (which also sets an HttpOnly,
 * SameSite=Strict cookie), then the cookie, or an {@code Authorization: token ...} header.
 * State-changing requests must come from the studio's own pages or a non-browser client.
 */
final class Access {
    private static final Set<HandlerType> CHANGES_STATE =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    private final byte[] token;

    Access(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Before every handler: 401 without the right token, 403 for a cross-site change. */
    void check(Context ctx) {
        String fromQuery = ctx.queryParam("token");
        String given = fromQuery != null ? fromQuery : fromHeader(ctx.header("Authorization"));
        if (given == null) {
            given = ctx.cookie(cookieName(ctx));
        }
        // constant time: MessageDigest.isEqual's time depends on the length of its first argument only
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpError(401, given == null ? "this studio needs its token: open the URL that triax serve printed"
                    : "wrong token: open the URL that triax serve printed");
        }
        if (fromQuery != null) {
            ctx.cookie(new Cookie(cookieName(ctx), fromQuery, "/", -1, false, true, null, SameSite.STRICT));
        }
        if (CHANGES_STATE.contains(ctx.method())) {
            refuseCrossSite(ctx);
        }
    }

    /** One cookie per port: two studios on one host must not overwrite each other's token. */
    private static String cookieName(Context ctx) {
        return "triax-token-" + ctx.req().getLocalPort();
    }

    private static String fromHeader(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        for (String scheme : new String[] {"token ", "Bearer "}) {
            if (a.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return a.substring(scheme.length()).strip();
            }
        }
        return null;
    }

    /** Browsers say where a request comes from; the studio's pages are same-origin. */
    private static void refuseCrossSite(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new HttpError(403, "cross-site request refused (Sec-Fetch-Site: " + site + ")");
        }
        String origin = ctx.header("Origin");
        if (origin != null) {
            String host = ctx.header("Host");
            String authority;
            try {
                authority = URI.create(origin).getRawAuthority();
            } catch (IllegalArgumentException e) {
                authority = null;
            }
            if (authority == null || host == null || !authority.equalsIgnoreCase(host)) {
                throw new HttpError(403, "cross-site request refused (Origin " + origin + ")");
            }
        }
    }
}
