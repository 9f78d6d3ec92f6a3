package dev.geminilive.karaf.probe;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;

/**
 * A class loader over a list of bundles: classes and resources come from the first bundle that has them, and
 * {@link #getResources} joins all of them.
 *
 * <p>Camel finds components, languages, configurers and type converters through {@code META-INF/services/org/apache/camel}
 * resources and then loads the classes they name. In OSGi every bundle sees only its own resources, so a CamelContext
 * running on plain (wrapped) Camel bundles needs this as its application context class loader. camel-karaf's
 * camel-core-osgi does the same job with an OSGi-aware class resolver.
 */
public final class BundlesClassLoader extends ClassLoader {

    private final List<Bundle> bundles;

    public BundlesClassLoader(List<Bundle> bundles) {
        super(null);
        this.bundles = List.copyOf(bundles);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (Bundle bundle : bundles) {
            try {
                return bundle.loadClass(name);
            } catch (ClassNotFoundException | IllegalStateException notThere) {
                // next bundle
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (Bundle bundle : bundles) {
            URL url = bundle.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> all = new ArrayList<>();
        for (Bundle bundle : bundles) {
            Enumeration<URL> urls = bundle.getResources(name);
            if (urls != null) {
                while (urls.hasMoreElements()) {
                    URL url = urls.nextElement();
                    if (!all.contains(url)) {
                        all.add(url);
                    }
                }
            }
        }
        return Collections.enumeration(all);
    }
}
