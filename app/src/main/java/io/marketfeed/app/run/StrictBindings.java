package io.marketfeed.app.run;

import com.google.inject.AbstractModule;

/**
 * Turns off the Guice features that hide wiring mistakes, as Airlift's Bootstrap does: every binding is
 * explicit (no just-in-time bindings of concrete classes), no circular proxies, binding annotations must
 * match exactly, and constructors must say {@code @Inject}.
 */
final class StrictBindings extends AbstractModule {

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().disableCircularProxies();
        binder().requireExactBindingAnnotations();
        binder().requireAtInjectOnConstructors();
    }
}
