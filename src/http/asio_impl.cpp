// The one translation unit that compiles Asio, Asio SSL and Beast (BOOST_ASIO_SEPARATE_COMPILATION
// and BOOST_BEAST_SEPARATE_COMPILATION are set for the whole project), so the other files
// that include them only instantiate what they use.

// GCC 12 with -fsanitize=address,undefined reports Beast's `return boost::none;` in
// basic_parser::content_length as maybe-uninitialized: a false positive in Boost's code.
// Clang has no such warning (and would refuse to ignore one it does not know).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
