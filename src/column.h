// A growable array for the builder's rows. It grows block by block, so growing never copies and
// never holds the data twice (a vector's doubling would: a wasm heap keeps its high-water mark
// forever), and indexing is a shift and a mask (std::deque's costs several times more).
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

namespace nvw {

template <typename T>
class Column {
 public:
  Column() = default;
  // Moved from, a column is empty (the defaults would leave its size and last block behind).
  Column(Column&& other) noexcept : blocks_(std::move(other.blocks_)), last_(other.last_), size_(other.size_) { other.forget(); }
  Column& operator=(Column&& other) noexcept {
    blocks_ = std::move(other.blocks_);
    last_ = other.last_;
    size_ = other.size_;
    other.forget();
    return *this;
  }

  [[gnu::always_inline]] void push_back(T value) {
    if ((size_ & kMask) == 0) {
      blocks_.emplace_back(new T[kBlock]);  // not make_unique: that would zero the block first
      last_ = blocks_.back().get();
    }
    last_[size_ & kMask] = value;
    ++size_;
  }
  T operator[](size_t i) const { return blocks_[i >> kBlockBits][i & kMask]; }
  T back() const { return (*this)[size_ - 1]; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  void forget() {
    blocks_.clear();
    last_ = nullptr;
    size_ = 0;
  }

  static constexpr size_t kBlockBits = 12;
  static constexpr size_t kBlock = size_t{1} << kBlockBits;
  static constexpr size_t kMask = kBlock - 1;

  std::vector<std::unique_ptr<T[]>> blocks_;
  T* last_ = nullptr;  // the last block
  size_t size_ = 0;
};

}  // namespace nvw
