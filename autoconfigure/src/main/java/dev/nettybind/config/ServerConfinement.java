package dev.nettybind.config;

import java.util.function.Predicate;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * Confines a {@link HandlerMapping} bean to the exchanges of some servers: on any other
 * server it maps nothing, as if it did not exist. The proxy has every interface of what
 * it confines, so that it keeps its order ({@code Ordered}, or {@code @Order} through
 * {@code DecoratingProxy}); not a class-based proxy, whose final methods would read the
 * proxy's own uninitialised fields.
 *
 * @author Netty Bind Starter contributors
 */
final class ServerConfinement implements MethodInterceptor {

	private final Predicate<ServerWebExchange> served;

	private ServerConfinement(Predicate<ServerWebExchange> served) {
		this.served = served;
	}

	/**
	 * Return a proxy of the given handler mapping that maps only the exchanges that
	 * match.
	 * @param bean the handler mapping
	 * @param served whether an exchange is one of the servers the bean is confined to
	 * @param <T> the type of the bean
	 * @return the proxy
	 */
	@SuppressWarnings("unchecked")
	static <T> T confine(T bean, Predicate<ServerWebExchange> served) {
		ProxyFactory proxy = new ProxyFactory(bean);
		proxy.addAdvice(new ServerConfinement(served));
		return (T) proxy.getProxy(bean.getClass().getClassLoader());
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] arguments = invocation.getArguments();
		if (invocation.getMethod().getName().equals("getHandler") && arguments.length == 1
				&& arguments[0] instanceof ServerWebExchange exchange && !this.served.test(exchange)) {
			return Mono.empty();
		}
		return invocation.proceed();
	}

}
