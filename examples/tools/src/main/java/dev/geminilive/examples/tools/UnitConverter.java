package dev.geminilive.examples.tools;

import java.util.Map;

/** A plain bean that answers the convert_units function. */
public class UnitConverter {

    private static final double KM_PER_MILE = 1.609344;

    /**
     * @param args the function's arguments: value, from, to (km or mi)
     * @return the converted value
     */
    public Map<String, Object> convert(Map<String, Object> args) {
        double value = ((Number) args.get("value")).doubleValue();
        String from = String.valueOf(args.get("from"));
        String to = String.valueOf(args.get("to"));
        double result;
        if (from.equals(to)) {
            result = value;
        } else if (from.equals("km") && to.equals("mi")) {
            result = value / KM_PER_MILE;
        } else if (from.equals("mi") && to.equals("km")) {
            result = value * KM_PER_MILE;
        } else {
            throw new IllegalArgumentException("can only convert between km and mi, not " + from + " to " + to);
        }
        return Map.of("value", Math.round(result * 100) / 100.0, "unit", to);
    }
}
