package dev.geminilive.camel.springboot;

import java.util.Map;

import dev.geminilive.camel.GeminiLiveComponent;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Applies {@code camel.component.gemini-live.*} to the gemini-live component, the way Camel's own starters do: a
 * {@link ComponentCustomizer} that Camel runs on the component when it is created (or when a component bean of the
 * application is added), switched off with {@code camel.component.gemini-live.customizer.enabled=false} (or
 * {@code camel.component.customizer.enabled=false}); the whole auto-configuration with
 * {@code camel.component.gemini-live.enabled=false}.
 *
 * <p>Only the options the application set are applied, and an option the component does not accept fails the
 * startup, naming it, instead of being ignored.
 */
@AutoConfiguration(after = { CamelAutoConfiguration.class, GeminiLiveComponentConverter.class })
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, GeminiLiveComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.gemini-live" })
public class GeminiLiveComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final GeminiLiveComponentConfiguration configuration;

    public GeminiLiveComponentAutoConfiguration(ApplicationContext applicationContext,
            GeminiLiveComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.configuration = configuration;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureGeminiLiveComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                Map<String, Object> options = configuration.toComponentOptions();
                if (!options.isEmpty()) {
                    CamelPropertiesHelper.setCamelProperties(target.getCamelContext(), target, options, true);
                }
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        "camel.component.gemini-live.customizer") && target instanceof GeminiLiveComponent;
            }
        };
    }
}
