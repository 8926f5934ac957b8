package dev.datamigration.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Method + path-pattern routing of one simulated API; path groups are handed to the handler. */
final class Routes {

    @FunctionalInterface
    interface Handler {
        SimResponse handle(SimRequest request, List<String> pathParams);
    }

    private record Route(String method, Pattern pattern, Handler handler) {
    }

    /** Dispatch result: a response, or why none of the routes took the call. */
    enum Miss {
        NO_PATH,
        WRONG_METHOD
    }

    private final List<Route> routes = new ArrayList<>();

    Routes add(String method, String regex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(regex), handler));
        return this;
    }

    /** Handles {@code subPath} (the path below the API base), or tells why it could not. */
    Result dispatch(SimRequest request, String subPath) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.pattern.matcher(subPath);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (route.method.equals(request.method())) {
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    params.add(m.group(i));
                }
                return new Result(Optional.of(route.handler.handle(request, params)), null);
            }
        }
        return new Result(Optional.empty(), pathKnown ? Miss.WRONG_METHOD : Miss.NO_PATH);
    }

    record Result(Optional<SimResponse> response, Miss miss) {
    }
}
