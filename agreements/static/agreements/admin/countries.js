'use strict';
// The countries picker: the admin's select2, searching every name a country goes by
// ("Turkey" finds Türkiye), accents ignored as select2 does.
{
    const $ = django.jQuery;
    const byText = $.fn.select2.defaults.defaults.matcher;

    function byAnyName(params, data) {
        const names = data.element ? data.element.dataset.names || '' : '';
        return byText(params, Object.assign({}, data, {text: `${data.text} ${names}`})) ? data : null;
    }

    $(function() {
        $('select.admin-countries').select2({matcher: byAnyName, width: 'style'});
    });
}
