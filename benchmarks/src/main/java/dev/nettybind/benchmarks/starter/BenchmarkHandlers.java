package dev.nettybind.benchmarks.starter;

import java.util.function.BiFunction;

import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.benchmarks.reactor.PlaintextHandler;
import dev.nettybind.server.ServerBinder;

/**
 * The handler beans that {@link BindServers} names, shared by the applications that run
 * the benchmarked servers.
 */
@Configuration(proxyBeanMethods = false)
public class BenchmarkHandlers {

	/** The handler of every benchmarked server. */
	@Bean(BindServers.HANDLER)
	BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> plaintextHandler() {
		return new PlaintextHandler();
	}

	/** The handler of the stats server: per-server connection counts of shared sockets. */
	@Bean(BindServers.STATS_HANDLER)
	StatsHandler statsHandler(ObjectProvider<ServerBinder> binder) {
		return new StatsHandler(binder);
	}

}
