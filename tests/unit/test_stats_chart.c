/* test_stats_chart.c - the axis steps and the bars of the report charts. */
#include "core/common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "render/chart.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

static void test_axis_step(void **state)
{
	(void)state;
	assert_true(chart_axis_step(0, 5) == 1);
	assert_true(chart_axis_step(10, 5) == 2);
	assert_true(chart_axis_step(9, 5) == 2);
	assert_true(chart_axis_step(23, 5) == 5);
	assert_true(chart_axis_step(480, 5) == 100);
	assert_true(chart_axis_step(0.3, 5) == 0.1);
}

/* Return the colour of pixel (x, y) of an RGB24 surface as 0xRRGGBB. */
static unsigned pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *data = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	uint32_t value;

	memcpy(&value, data + y * stride + x * 4, sizeof(value));
	return value & 0xffffff;
}

/* A single full column fills the plot from the axis up with its series'
 * colour; an empty category leaves the background. */
static void test_vertical_bars_drawn(void **state)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 200);
	cairo_t *cr = cairo_create(s);
	struct chart *c = chart_new(CHART_VERTICAL, "Prueba", 2);
	int series = chart_add_series(c, "cerrados", CHART_GREEN);

	(void)state;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	chart_set_category(c, 0, "01");
	chart_set_category(c, 1, "02");
	chart_set(c, series, 0, 10);
	chart_draw(cr, 200, 200, c);
	cairo_surface_flush(s);
	/* Plot from x = 34 to 196: the first column is centred near x = 74,
	 * the second near x = 155; the axis is at y = 184. */
	assert_int_equal(pixel(s, 74, 150), CHART_GREEN);
	assert_int_equal(pixel(s, 155, 150), 0xffffff);
	chart_free(c);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_axis_step),
		cmocka_unit_test(test_vertical_bars_drawn),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
