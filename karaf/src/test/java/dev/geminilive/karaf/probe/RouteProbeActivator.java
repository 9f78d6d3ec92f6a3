package dev.geminilive.karaf.probe;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

import dev.geminilive.client.LiveClient;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * A bundle that runs inside Karaf, builds a CamelContext on the installed bundles, sends two turns through a
 * {@code gemini-live:} route to the emulator whose URL the framework property {@code geminilive.karaf.probe.url} gives,
 * and writes what happened to the file {@code geminilive.karaf.probe.result} names (a properties file).
 *
 * <p>The component is not added by hand: Camel resolves the scheme {@code gemini-live} through the component bundle's
 * {@code META-INF/services/org/apache/camel/component/gemini-live}, as in any Camel application.
 */
public final class RouteProbeActivator implements BundleActivator {

    private Thread worker;

    @Override
    public void start(BundleContext bundleContext) {
        worker = new Thread(() -> run(bundleContext), "gemini-live-karaf-probe");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop(BundleContext bundleContext) throws InterruptedException {
        worker.join(10_000);
    }

    private static void run(BundleContext bc) {
        String url = bc.getProperty("geminilive.karaf.probe.url");
        Path resultFile = Path.of(bc.getProperty("geminilive.karaf.probe.result"));
        Properties result = new Properties();
        try {
            List<Bundle> visible = new ArrayList<>();
            for (Bundle b : bc.getBundles()) {
                String name = b.getSymbolicName();
                if (name != null && (name.startsWith("dev.geminilive.") || name.startsWith("org.apache.camel."))) {
                    visible.add(b);
                }
            }
            visible.sort(Comparator.comparing((Bundle b) -> !b.getSymbolicName().startsWith("dev.geminilive.")));
            for (Bundle b : bc.getBundles()) {
                result.setProperty("bundle." + b.getSymbolicName(), b.getVersion() + " " + state(b.getState()));
            }

            // As Blueprint or SCR would leave it: the context class loader is this bundle's, which sees neither Tyrus
            // nor Grizzly, so the test shows the client does not depend on the caller's context class loader.
            result.setProperty("tccl.before", String.valueOf(Thread.currentThread().getContextClassLoader()));
            Thread.currentThread().setContextClassLoader(RouteProbeActivator.class.getClassLoader());

            // The Live client on its own, built where the context class loader sees no Tyrus: Tyrus loads its Grizzly
            // container by name, which must not depend on the caller.
            try (LiveClient client = LiveClient.builder().build()) {
                result.setProperty("client.bundle", FrameworkUtil.getBundle(client.getClass()).getSymbolicName());
            }

            CamelContext camel = new DefaultCamelContext();
            camel.setApplicationContextClassLoader(new BundlesClassLoader(visible));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ask").routeId("karaf-ask")
                            .to("gemini-live:karaf?baseUrl=" + url + "&apiKey=test-key&model=gemini-3.1-flash-live-preview");
                }
            });
            camel.start();
            try {
                ProducerTemplate template = camel.createProducerTemplate();
                result.setProperty("reply.1", template.requestBody("direct:ask", "My name is Ada", String.class));
                result.setProperty("reply.2", template.requestBody("direct:ask", "What is my name?", String.class));

                Component component = camel.getComponent("gemini-live");
                result.setProperty("component.class", component.getClass().getName());
                result.setProperty("component.bundle", FrameworkUtil.getBundle(component.getClass()).getSymbolicName());
                PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(camel)
                        .resolvePropertyConfigurer("gemini-live-component", camel);
                result.setProperty("component.configurer", configurer == null ? "none" : configurer.getClass().getName());
                result.setProperty("camel.version", camel.getVersion());
                result.setProperty("camel.bundle", FrameworkUtil.getBundle(camel.getClass()).getSymbolicName());
                result.setProperty("route.status", String.valueOf(camel.getRouteController().getRouteStatus("karaf-ask")));
            } finally {
                camel.stop();
            }
            result.setProperty("status", "ok");
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            result.setProperty("status", "failed");
            result.setProperty("error", trace.toString());
        }
        write(result, resultFile);
    }

    private static void write(Properties result, Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                result.store(out, "gemini-live Karaf probe");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            e.printStackTrace();
        }
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
