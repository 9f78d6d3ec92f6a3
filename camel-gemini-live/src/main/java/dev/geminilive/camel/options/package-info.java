/**
 * The values of the gemini-live options that take one of a few: typed, so a wrong value fails when the endpoint is
 * created, naming the option (Camel converts URI, YAML and Spring Boot values to them, in any case).
 */
package dev.geminilive.camel.options;
