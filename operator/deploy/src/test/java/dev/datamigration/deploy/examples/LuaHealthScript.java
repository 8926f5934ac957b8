package dev.datamigration.deploy.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** Runs an Argo CD health.lua the way Argo CD does: the resource as global {@code obj}, a table {status, message} back. */
final class LuaHealthScript {

    record Health(String status, String message) {
    }

    private final String script;

    LuaHealthScript(String script) {
        this.script = script;
    }

    Health evaluate(JsonNode resource) {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(resource));
        LuaValue result = globals.load(script, "health.lua").call();
        if (!result.istable()) {
            throw new IllegalStateException("health.lua returned " + result.typename() + ", not a table");
        }
        LuaValue message = result.get("message");
        return new Health(result.get("status").tojstring(), message.isnil() ? null : message.tojstring());
    }

    /**
     * JSON to Lua as Argo CD's gopher-lua bridge does it: objects become tables with string keys, arrays tables
     * indexed from 1. Lua 5.1/5.2 numbers are floating point in both interpreters; integers that fit stay exact.
     */
    private static LuaValue toLua(JsonNode node) {
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                table.set(field.getKey(), toLua(field.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isInt()) {
            return LuaValue.valueOf(node.intValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asText());
        }
        if (node.isNull()) {
            return LuaValue.NIL;
        }
        return LuaValue.valueOf(node.asText());
    }
}
