package dev.nettybind.config;

import java.util.function.BiFunction;
import java.util.function.Consumer;

import dev.nettybind.server.LocalBoundPort;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reflection hints {@link BindServersBeanRegistrationAotProcessor} registers for one
 * bean: the fields {@code @LocalBoundPort} sets, and the type of a handler, whose
 * generic interfaces the resolver reads; nothing for any other bean.
 *
 * @author Netty Bind Starter contributors
 */
class BindServersBeanRegistrationAotProcessorTests {

	@Test
	void theAnnotatedFieldsOfABeanAreHintedAndNoOther() throws Exception {
		RuntimeHints hints = hintsOf(PortHolder.class);
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(PortHolder.class.getDeclaredField("port")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(PortHolder.class.getDeclaredField("name")))
			.rejects(hints);
		// Its type is not a handler: only its field is registered, not its generic interfaces.
		assertThat(hints.reflection().getTypeHint(PortHolder.class).fields()).hasSize(1);
	}

	@Test
	void theTypeOfAFunctionHandlerIsHinted() {
		assertThat(RuntimeHintsPredicates.reflection().onType(FunctionHandler.class))
			.accepts(hintsOf(FunctionHandler.class));
	}

	@Test
	void theTypeOfARoutesHandlerIsHinted() {
		assertThat(RuntimeHintsPredicates.reflection().onType(RoutesHandler.class))
			.accepts(hintsOf(RoutesHandler.class));
	}

	@Test
	void aBeanThatIsNeitherContributesNothing() {
		assertThat(contribution(Plain.class)).isNull();
	}

	@Test
	void aHandlerDeclaredAsTheInterfaceItselfContributesNothing() {
		// The generated code keeps the generics of a bean declared as BiFunction.
		assertThat(contribution(BiFunction.class)).isNull();
	}

	private static RuntimeHints hintsOf(Class<?> beanClass) {
		BeanRegistrationAotContribution contribution = contribution(beanClass);
		assertThat(contribution).isNotNull();
		TestGenerationContext generationContext = new TestGenerationContext();
		contribution.applyTo(generationContext, null);
		return generationContext.getRuntimeHints();
	}

	private static BeanRegistrationAotContribution contribution(Class<?> beanClass) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(beanClass));
		return new BindServersBeanRegistrationAotProcessor()
			.processAheadOfTime(RegisteredBean.of(beanFactory, "bean"));
	}

	static class PortHolder {

		@LocalBoundPort("api")
		int port;

		String name;

	}

	static class FunctionHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

		@Override
		public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
			return Mono.empty();
		}

	}

	static class RoutesHandler implements Consumer<HttpServerRoutes> {

		@Override
		public void accept(HttpServerRoutes routes) {
		}

	}

	static class Plain {

	}

}
