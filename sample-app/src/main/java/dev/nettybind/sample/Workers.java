package dev.nettybind.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The handlers of {@code worker-1} and {@code worker-2}, two servers that share one
 * socket: each connection goes to one of them.
 *
 * @author Netty Bind Starter contributors
 */
@Configuration(proxyBeanMethods = false)
public class Workers {

	@Bean
	Worker worker1() {
		return new Worker("worker-1");
	}

	@Bean
	Worker worker2() {
		return new Worker("worker-2");
	}

}
