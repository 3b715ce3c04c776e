package io.marketfeed.app.run;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;

/**
 * Binds the enabled providers with the protocols their {@code create()} built during validation. Providers
 * themselves never see Guice: they get plain settings and are driven through the runtime's public API.
 */
final class ProvidersModule extends AbstractModule {

    private final EnabledProviders providers;

    ProvidersModule(EnabledProviders providers) {
        this.providers = requireNonNull(providers, "providers is null");
    }

    @Override
    protected void configure() {
        bind(EnabledProviders.class).toInstance(providers);
    }
}
