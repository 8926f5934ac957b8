package dev.datamigration.simulator;

/**
 * An ODC REST API under a base path ({@code /api/<domain>/v<n>}): checks the bearer token issued by the simulated
 * token endpoint, routes the rest, and answers errors as {@code ProblemDetails}.
 */
abstract class OdcRestApi implements SimulatedApi {

    private final String base;
    private final OdcWorld world;
    protected final Routes routes = new Routes();

    OdcRestApi(String base, OdcWorld world) {
        this.base = base;
        this.world = world;
    }

    @Override
    public final boolean serves(String path) {
        return path.startsWith(base + "/");
    }

    @Override
    public final SimResponse handle(SimRequest request) {
        String auth = request.authorization();
        if (auth == null || !auth.startsWith("Bearer ") || !world.validToken(auth.substring("Bearer ".length()))) {
            return SimResponse.problem(401, "Unauthorized", "The access token is missing, invalid or expired.");
        }
        Routes.Result result;
        try {
            result = routes.dispatch(request, request.path().substring(base.length()));
        } catch (BadRequest e) {
            return e.response();
        }
        return result.response().orElseGet(() -> result.miss() == Routes.Miss.WRONG_METHOD
                ? SimResponse.problem(405, "Method Not Allowed", request.method() + " " + request.path())
                : SimResponse.problem(404, "Not Found", "No resource at " + request.path()));
    }

    /** A query parameter as int within bounds, or null when absent; throws {@link BadRequest} otherwise. */
    static Integer intParam(SimRequest request, String name, int min, int max) {
        String value = request.param(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new BadRequest("'" + name + "' must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadRequest("'" + name + "' must be an integer");
        }
    }

    /** A request the API rejects with 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }

        SimResponse response() {
            return SimResponse.problem(400, "Bad Request", getMessage());
        }
    }
}
