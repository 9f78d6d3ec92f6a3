package dev.geminilive.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application whose routes are YAML DSL (src/main/resources/camel/routes.yaml) and whose gemini-live
 * component is configured in application.yaml only, through camel-gemini-live-starter. With
 * {@code gemini.emulator.enabled=true} (the default) it talks to a Gemini Live emulator it runs in-process; with
 * {@code false} and GEMINI_API_KEY set, to Google.
 */
@SpringBootApplication
public class SpringBootExample {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SpringBootExample.class);
        app.addListeners(new LocalEmulator());
        app.run(args);
    }
}
