package dev.datamigration.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.datamigration.deploy.support.RenderedChart;
import org.junit.jupiter.api.Test;

/** `helm lint --strict` passes without a warning: the chart is well-formed and its defaults satisfy its schema. */
class HelmChartLintTest {

    @Test
    void strictLintIsClean() {
        LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages())
                .as("strict lint reports nothing above INFO")
                .noneMatch(m -> m.startsWith("[WARNING]") || m.startsWith("[ERROR]"))
                .noneMatch(m -> m.contains("icon is recommended"));
    }
}
